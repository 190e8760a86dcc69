import { formatAddress } from '../../core/dissect/address';
import { ConversationTable, type Conversation } from '../../core/stats/conversations';
import { frameTapEvents, type TapKind } from '../../core/stats/frame-taps';
import { frameRelTime, nsToSeconds } from '../../core/stats/rel-time';
import { cDouble, formatSize, padEnd, padStart } from './format-size';
import { tapFilter } from './tap-filter';
import type { ZHandler, ZTap } from './types';

/** Table names as tshark titles them. */
export const TAP_TITLES: Record<TapKind, string> = {
  eth: 'Ethernet',
  ip: 'IPv4',
  ipv6: 'IPv6',
  tcp: 'TCP',
  udp: 'UDP',
};

export const RULE80 = '='.repeat(80);

function endpointText(c: Conversation, a: boolean, ports: boolean): string {
  const s = formatAddress(a ? c.addrA : c.addrB);
  return ports ? `${s}:${a ? c.portA : c.portB}` : s;
}

/** Renders a conversation table exactly like tshark's `-z conv,TYPE[,FILTER]`. */
export function renderConversations(table: ConversationTable, filter: string | null): string {
  const ports = table.kind === 'tcp' || table.kind === 'udp';
  const pad = ports ? '            ' : '';
  const w = ports ? 26 : 20;
  let s = `${RULE80}\n${TAP_TITLES[table.kind]} Conversations\nFilter:${filter ?? '<No Filter>'}\n`;
  s += `${pad}                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n`;
  s += `${pad}                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n`;
  for (const c of table.sorted()) {
    s += `${padEnd(endpointText(c, true, ports), w)} <-> ${padEnd(endpointText(c, false, ports), w)}`;
    s += `  ${padStart(String(c.rxFrames), 6)} ${padEnd(formatSize(c.rxBytes), 9)}`;
    s += `  ${padStart(String(c.txFrames), 6)} ${padEnd(formatSize(c.txBytes), 9)}`;
    s += `  ${padStart(String(c.rxFrames + c.txFrames), 6)} ${padEnd(formatSize(c.rxBytes + c.txBytes), 9)}  `;
    const start = nsToSeconds(c.start);
    s += padStart(cDouble(start, 9), 14);
    s += `   ${padStart(cDouble(nsToSeconds(c.stop) - start, 4), 12)}\n`;
  }
  return s + `${RULE80}\n`;
}

const KINDS = /^(eth|ip|ipv6|tcp|udp)(?:,(.*))?$/s;

export const conversationsHandler: ZHandler = {
  matches: (arg) => arg.startsWith('conv,'),
  create(arg): ZTap | { error: string } {
    const m = KINDS.exec(arg.slice('conv,'.length));
    if (!m)
      return { error: `invalid -z argument "${arg}"; conv must be followed by eth, ip, ipv6, tcp or udp` };
    const kind = m[1] as TapKind;
    const f = tapFilter(m[2]);
    if ('error' in f) return f;
    const table = new ConversationTable(kind);
    return {
      needsTree: true,
      onFrame(d, input) {
        if (f.filter && !f.filter.matches(d)) return;
        let rel = null;
        for (const e of frameTapEvents(d)) {
          if (e.kind !== kind) continue;
          rel ??= frameRelTime(d.pinfo);
          table.add(
            e.src,
            e.dst,
            e.srcPort,
            e.dstPort,
            e.convId,
            input.origlen,
            rel,
            { sec: input.tsSec, nsec: input.tsNsec },
            input.num,
          );
        }
      },
      finish() {
        return renderConversations(table, f.text);
      },
    };
  },
};
