import type { ConversationRow } from '../../core/stats/conversations';
import type { EndpointRow } from '../../core/stats/endpoints';
import type { TapKind } from '../../core/stats/frame-taps';

/** IPv6 addresses are the only network addresses with a colon (MAC addresses are not network ones). */
function netField(address: string): 'ip.addr' | 'ipv6.addr' {
  return address.includes(':') ? 'ipv6.addr' : 'ip.addr';
}

/**
 * The display filter that selects one conversation (Wireshark's "Apply as Filter › A ↔ B"):
 * both addresses (and ports), or `tcp.stream eq N` for TCP, which also keeps apart
 * connections that reused the same ports.
 */
export function conversationFilter(kind: TapKind, row: ConversationRow): string {
  switch (kind) {
    case 'eth':
      return `eth.addr==${row.a} && eth.addr==${row.b}`;
    case 'ip':
      return `ip.addr==${row.a} && ip.addr==${row.b}`;
    case 'ipv6':
      return `ipv6.addr==${row.a} && ipv6.addr==${row.b}`;
    case 'tcp':
      if (row.stream >= 0) return `tcp.stream eq ${row.stream}`;
      return portFilter('tcp', row);
    case 'udp':
      return portFilter('udp', row);
  }
}

function portFilter(proto: 'tcp' | 'udp', row: ConversationRow): string {
  const f = netField(row.a);
  return `${f}==${row.a} && ${proto}.port==${row.portA} && ${f}==${row.b} && ${proto}.port==${row.portB}`;
}

/** The display filter that selects one endpoint's traffic. */
export function endpointFilter(kind: TapKind, row: EndpointRow): string {
  switch (kind) {
    case 'eth':
      return `eth.addr==${row.address}`;
    case 'ip':
      return `ip.addr==${row.address}`;
    case 'ipv6':
      return `ipv6.addr==${row.address}`;
    case 'tcp':
    case 'udp':
      return `${netField(row.address)}==${row.address} && ${kind}.port==${row.port}`;
  }
}
