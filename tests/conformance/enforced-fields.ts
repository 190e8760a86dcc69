/**
 * Which oracle fields and columns must match tshark cell for cell. The conformance test fails
 * when a field of an enforced group that our registry knows is not 100% equal; other fields
 * are only reported. Each protocol owner adds a group here when its protocol is ready.
 */

/** A protocol group: filter-name patterns (`ip.*` or exact names) minus exceptions. */
export interface EnforcedGroup {
  name: string;
  fields: string[];
  except?: string[];
}

export const ENFORCED_GROUPS: EnforcedGroup[] = [
  // frame.protocols names every layer, ours and the application's: it is enforced on the
  // frames of PROTOCOL_INFO_SCOPES only (see SCOPED_FIELDS).
  { name: 'frame', fields: ['frame.*'], except: ['frame.protocols'] },
  { name: 'eth', fields: ['eth.*'] },
  { name: 'sll', fields: ['sll.*'] },
  { name: 'vlan', fields: ['vlan.*'] },
  { name: 'arp', fields: ['arp.*'] },
  { name: 'ip', fields: ['ip.*'] },
  { name: 'ipv6', fields: ['ipv6.*'] },
  { name: 'icmp', fields: ['icmp.*'] },
  { name: 'icmpv6', fields: ['icmpv6.*'] },
  // udp.stream is numbered by conversation like tcp.stream; it is reported, not enforced.
  { name: 'udp', fields: ['udp.*'], except: ['udp.stream'] },
];

/** Fields enforced only on the frames of PROTOCOL_INFO_SCOPES (reported as "NAME [scoped]"). */
export const SCOPED_FIELDS = ['frame.protocols'];

/** Packet-list columns compared for every frame. */
export const ENFORCED_COLUMNS_ALL_FRAMES = ['Source', 'Destination', 'Length'] as const;

/**
 * Protocol and Info are compared for frames whose frame.protocols (tshark's) ends with one of
 * these layer sequences: the frames where our protocols write the last word.
 */
export const PROTOCOL_INFO_SCOPES: string[][] = [
  ['arp'],
  ['icmp'],
  ['icmp', 'data'],
  ['icmpv6'],
  ['icmpv6', 'data'],
  ['udp'],
  ['udp', 'data'],
  ['ip', 'data'],
  ['ipv6', 'data'],
  ['ipv6.fraghdr', 'data'],
  ['ethertype', 'data'],
];

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith('.*')
    ? name.startsWith(pattern.slice(0, -1)) || name === pattern.slice(0, -2)
    : name === pattern;
}

/** The enforced group a field belongs to, if any. */
export function enforcedGroupOf(field: string): EnforcedGroup | undefined {
  return ENFORCED_GROUPS.find(
    (g) => g.fields.some((p) => matches(p, field)) && !(g.except ?? []).includes(field),
  );
}

/** True when tshark's frame.protocols puts the frame in the Protocol/Info scope. */
export function protocolInfoInScope(frameProtocols: string): boolean {
  const layers = frameProtocols.split(':');
  return PROTOCOL_INFO_SCOPES.some(
    (s) => s.length <= layers.length && s.every((l, i) => layers[layers.length - s.length + i] === l),
  );
}
