import { addressKey, formatAddress } from '../../core/dissect/address';
import { EndpointTable } from '../../core/stats/endpoints';
import { frameEndpoints } from '../../core/stats/frame-taps';
import { padEnd, padStart } from './format-size';
import type { ZHandler, ZTap } from './types';

type Kind = 'eth' | 'ip' | 'ipv6' | 'tcp' | 'udp';
const TITLES: Record<Kind, string> = { eth: 'Ethernet', ip: 'IPv4', ipv6: 'IPv6', tcp: 'TCP', udp: 'UDP' };
const RULE = '='.repeat(80);

/** Renders an endpoint table exactly like tshark's `-z endpoints,TYPE`. */
export function renderEndpoints(kind: Kind, table: EndpointTable, filter: string | null): string {
  const ports = kind === 'tcp' || kind === 'udp';
  let s = `${RULE}\n${TITLES[kind]} Endpoints\nFilter:${filter ?? '<No Filter>'}\n`;
  s += ports
    ? '                       |  Port  ||  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n'
    : '                       |  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n';
  for (const e of table.sorted()) {
    s += padEnd(formatAddress(e.addr), 20);
    if (ports) s += `      ${padStart(String(e.port), 5)}`;
    s += `      ${padStart(String(e.txFrames + e.rxFrames), 6)}`;
    s += `     ${padStart(String(e.txBytes + e.rxBytes), 9)}`;
    s += `     ${padStart(String(e.txFrames), 6)}`;
    s += `       ${padStart(String(e.txBytes), 9)}`;
    s += `      ${padStart(String(e.rxFrames), 6)}`;
    s += `       ${padStart(String(e.rxBytes), 9)}   \n`;
  }
  return s + `${RULE}\n`;
}

function createTap(kind: Kind): ZTap {
  const table = new EndpointTable(addressKey);
  return {
    needsTree: true,
    onFrame(d, input) {
      const ep = frameEndpoints(d);
      const len = input.origlen;
      if (kind === 'eth' && ep.eth) table.add(ep.eth[0], ep.eth[1], 0, 0, len);
      else if (kind === 'ip' && ep.ip) table.add(ep.ip[0], ep.ip[1], 0, 0, len);
      else if (kind === 'ipv6' && ep.ipv6) table.add(ep.ipv6[0], ep.ipv6[1], 0, 0, len);
      else if (kind === 'tcp' && ep.tcp) table.add(ep.tcp.src, ep.tcp.dst, ep.tcp.srcPort, ep.tcp.dstPort, len);
      else if (kind === 'udp' && ep.udp) table.add(ep.udp.src, ep.udp.dst, ep.udp.srcPort, ep.udp.dstPort, len);
    },
    finish() {
      return renderEndpoints(kind, table, null);
    },
  };
}

export const endpointsHandler: ZHandler = {
  matches: (arg) => /^endpoints,(eth|ip|ipv6|tcp|udp)$/.test(arg),
  create(arg) {
    return createTap(arg.slice(10) as Kind);
  },
};
