import { formatAddress } from '../../core/dissect/address';
import { EndpointTable } from '../../core/stats/endpoints';
import { frameTapEvents, type TapKind } from '../../core/stats/frame-taps';
import { RULE80, TAP_TITLES } from './conversations';
import { padEnd, padStart } from './format-size';
import { tapFilter } from './tap-filter';
import type { ZHandler, ZTap } from './types';

/** Renders an endpoint table exactly like tshark's `-z endpoints,TYPE[,FILTER]`. */
export function renderEndpoints(table: EndpointTable, filter: string | null): string {
  const ports = table.kind === 'tcp' || table.kind === 'udp';
  let s = `${RULE80}\n${TAP_TITLES[table.kind]} Endpoints\nFilter:${filter ?? '<No Filter>'}\n`;
  s += ports
    ? '                       |  Port  ||  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n'
    : '                       |  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n';
  for (const e of table.sorted()) {
    s += padEnd(formatAddress(e.addr), 20);
    s += ports ? `      ${padStart(String(e.port), 5)}     ` : '      ';
    s += padStart(String(e.txFrames + e.rxFrames), 6);
    s += `     ${padStart(String(e.txBytes + e.rxBytes), 9)}`;
    s += `     ${padStart(String(e.txFrames), 6)}`;
    s += `       ${padStart(String(e.txBytes), 9)}`;
    s += `      ${padStart(String(e.rxFrames), 6)}`;
    s += `       ${padStart(String(e.rxBytes), 9)}   \n`;
  }
  return s + `${RULE80}\n`;
}

const KINDS = /^(eth|ip|ipv6|tcp|udp)(?:,(.*))?$/s;

export const endpointsHandler: ZHandler = {
  matches: (arg) => arg.startsWith('endpoints,'),
  create(arg): ZTap | { error: string } {
    const m = KINDS.exec(arg.slice('endpoints,'.length));
    if (!m)
      return {
        error: `invalid -z argument "${arg}"; endpoints must be followed by eth, ip, ipv6, tcp or udp`,
      };
    const kind = m[1] as TapKind;
    const f = tapFilter(m[2]);
    if ('error' in f) return f;
    const table = new EndpointTable(kind);
    return {
      needsTree: true,
      onFrame(d, input) {
        if (f.filter && !f.filter.matches(d)) return;
        for (const e of frameTapEvents(d)) {
          if (e.kind === kind) table.add(e.src, e.dst, e.srcPort, e.dstPort, input.origlen, input.num);
        }
      },
      finish() {
        return renderEndpoints(table, f.text);
      },
    };
  },
};
