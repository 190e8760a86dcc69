import { fieldByAbbrev, type FieldDef } from '../dissect/fields';
import type { DissectedFrame } from '../dissect/frame';
import type { ProtoNode } from '../dissect/tree';
import { STATUS_TEXT } from '../protocols/http/fields';
import { frameRelTime } from './rel-time';
import { StatsTree, type StatsNode } from './stats-tree';

/** What Wireshark's HTTP tap reports per message (http_info_value_t, the part the tree uses). */
export interface HttpTapInfo {
  /** 0 for a request or other data. */
  responseCode: number;
  requestMethod: string | null;
}

interface Defs {
  http: FieldDef;
  code: FieldDef | undefined;
  method: FieldDef | undefined;
  data: FieldDef | undefined;
}

let defs: Defs | null = null;

function fieldDefs(): Defs | null {
  if (defs) return defs;
  const http = fieldByAbbrev('http');
  if (!http) return null;
  defs = {
    http,
    code: fieldByAbbrev('http.response.code'),
    method: fieldByAbbrev('http.request.method'),
    data: fieldByAbbrev('data'),
  };
  return defs;
}

/** The first item of `def` within `n` (depth first, in tree order). */
function findIn(n: ProtoNode, def: FieldDef | undefined): ProtoNode | null {
  if (!def || !n.children) return null;
  for (const c of n.children) {
    if (c.def === def) return c;
    const deeper = findIn(c, def);
    if (deeper) return deeper;
  }
  return null;
}

/**
 * The HTTP tap events of a frame, read from its tree: one per HTTP message item. Binary data
 * on a connection that has seen HTTP is shown as an HTTP item holding only "data" without
 * dissecting a message; Wireshark's HTTP does not tap it (it returns before the tap), so it is
 * skipped here too. (Known gap: tshark also leaves out some messages cut short by the snaplen
 * inside their first line, but not all; see the pending http-loss case of the conformance test.)
 */
export function httpTapEvents(d: DissectedFrame): HttpTapInfo[] {
  const tree = d.tree;
  const f = fieldDefs();
  if (!tree || !f) return [];
  const out: HttpTapInfo[] = [];
  const tops = tree.top;
  let last = -1;
  for (let i = 0; i < tops.length; i++) if (tops[i].def === f.http) last = i;
  for (let i = 0; i <= last; i++) {
    const top = tops[i];
    if (top.def !== f.http) continue;
    const kids = top.children;
    if (kids && kids.length === 1 && kids[0].def === f.data) continue;
    const code = findIn(top, f.code);
    const method = findIn(top, f.method);
    out.push({
      responseCode: code && typeof code.value === 'number' ? code.value : 0,
      requestMethod: method && typeof method.value === 'string' ? method.value : null,
    });
  }
  return out;
}

const RESPONSE_GROUPS = [
  '???: broken',
  '1xx: Informational',
  '2xx: Success',
  '3xx: Redirection',
  '4xx: Client Error',
  '5xx: Server Error',
] as const;

/** Wireshark's "HTTP/Packet Counter" tree (-z http,tree). */
export class HttpPacketCounter {
  readonly tree = new StatsTree('HTTP/Packet Counter');
  private readonly total: StatsNode;
  private readonly requests: StatsNode;
  private readonly responses: StatsNode;
  private readonly other: StatsNode;

  constructor() {
    // Nodes the tree starts with (shown with 0 when nothing ticks them).
    this.total = this.tree.root.child('Total HTTP Packets');
    this.requests = this.total.child('HTTP Request Packets');
    this.responses = this.total.child('HTTP Response Packets');
    for (const g of RESPONSE_GROUPS) this.responses.child(g);
    this.other = this.total.child('Other HTTP Packets');
  }

  /** Counts the HTTP messages of a dissected frame (with its tree). */
  add(d: DissectedFrame): void {
    const events = httpTapEvents(d);
    if (events.length === 0) return;
    const t = frameRelTime(d.pinfo);
    const nowMs = t.sec * 1000 + t.nsec / 1e6;
    for (const e of events) {
      this.tree.packet(nowMs);
      this.total.tick(nowMs);
      const code = e.responseCode;
      if (code) {
        this.responses.tick(nowMs);
        const g = this.responses.child(
          RESPONSE_GROUPS[code < 100 || code >= 600 ? 0 : Math.trunc(code / 100)],
        );
        g.tick(nowMs);
        g.child(`${code} ${STATUS_TEXT[code] ?? `Unknown (${code})`}`).tick(nowMs);
      } else if (e.requestMethod !== null) {
        this.requests.tick(nowMs);
        this.requests.child(e.requestMethod).tick(nowMs);
      } else {
        this.other.tick(nowMs);
      }
    }
  }
}
