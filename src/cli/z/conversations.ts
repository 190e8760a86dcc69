import { addressKey } from '../../core/dissect/address';
import { ConversationTable, endpointName, type ConversationKind } from '../../core/stats/conversations';
import { frameEndpoints } from '../../core/stats/frame-taps';
import { fixed, formatSize, padEnd, padStart } from './format-size';
import type { ZHandler, ZTap } from './types';

const TITLES: Record<ConversationKind, string> = {
  eth: 'Ethernet',
  ip: 'IPv4',
  ipv6: 'IPv6',
  tcp: 'TCP',
  udp: 'UDP',
};

const RULE = '='.repeat(80);

/** Renders a conversation table exactly like tshark's `-z conv,TYPE`. */
export function renderConversations(table: ConversationTable, filter: string | null): string {
  const ports = table.kind === 'tcp' || table.kind === 'udp';
  const pad = ports ? '            ' : '';
  const w = ports ? 26 : 20;
  let s = `${RULE}\n${TITLES[table.kind]} Conversations\nFilter:${filter ?? '<No Filter>'}\n`;
  s += `${pad}                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n`;
  s += `${pad}                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n`;
  for (const c of table.sorted()) {
    const a = endpointName(c.addrA, c.portA, ports);
    const b = endpointName(c.addrB, c.portB, ports);
    s += `${padEnd(a, w)} <-> ${padEnd(b, w)}`;
    s += `  ${padStart(String(c.rxFrames), 6)} ${padEnd(formatSize(c.rxBytes), 9)}`;
    s += `  ${padStart(String(c.txFrames), 6)} ${padEnd(formatSize(c.txBytes), 9)}`;
    s += `  ${padStart(String(c.rxFrames + c.txFrames), 6)} ${padEnd(formatSize(c.rxBytes + c.txBytes), 9)}  `;
    s += padStart(fixed(c.startNs / 1e9, 9), 14);
    s += `   ${padStart(fixed((c.stopNs - c.startNs) / 1e9, 4), 12)}\n`;
  }
  return s + `${RULE}\n`;
}

function createConvTap(kind: ConversationKind): ZTap {
  const table = new ConversationTable(kind, addressKey);
  return {
    needsTree: true,
    onFrame(d, input) {
      const ep = frameEndpoints(d);
      const len = input.origlen;
      const rel = d.pinfo.relNs;
      const add = (s: Parameters<typeof table.add>[0], t: typeof s, sp: number, dp: number, id: number): void =>
        table.add(s, t, sp, dp, id, len, rel, input.tsSec, input.tsNsec, input.num);
      if (kind === 'eth' && ep.eth) add(ep.eth[0], ep.eth[1], 0, 0, -1);
      else if (kind === 'ip' && ep.ip) add(ep.ip[0], ep.ip[1], 0, 0, -1);
      else if (kind === 'ipv6' && ep.ipv6) add(ep.ipv6[0], ep.ipv6[1], 0, 0, -1);
      else if (kind === 'tcp' && ep.tcp) add(ep.tcp.src, ep.tcp.dst, ep.tcp.srcPort, ep.tcp.dstPort, ep.tcp.stream);
      else if (kind === 'udp' && ep.udp) add(ep.udp.src, ep.udp.dst, ep.udp.srcPort, ep.udp.dstPort, -1);
    },
    finish() {
      return renderConversations(table, null);
    },
  };
}

export const conversationsHandler: ZHandler = {
  matches: (arg) => /^conv,(eth|ip|ipv6|tcp|udp)$/.test(arg),
  create(arg) {
    return createConvTap(arg.slice(5) as ConversationKind);
  },
};
