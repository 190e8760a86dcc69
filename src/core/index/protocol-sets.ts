/**
 * Interns the list of protocols each frame was dissected into (pinfo.layers, i.e.
 * frame.protocols) as a small integer, and classifies each distinct list once: which layers a
 * frame has decides whether the field columns can answer a filter for it (see field-columns.ts)
 * and whether a protocol's fields can appear in it at all (the pre-filter of filterFrames).
 */

/** How the index can read a frame's network and transport fields. */
export const SHAPE = {
  /** Anything else (tunnels, VLANs, ICMP errors, other link layers): filters re-dissect it. */
  OTHER: 0,
  /** Ethernet II without IP, IPv6, TCP, UDP, ICMP, ICMPv6 or data: their fields are absent. */
  NONE: 1,
  /** Ethernet II, one IPv4 header, then exactly one TCP, UDP or ICMP directly on it. */
  V4: 2,
  /** Ethernet II, one IPv6 header, then exactly one TCP, UDP or ICMPv6 directly on it. */
  V6: 3,
} as const;
export type Shape = (typeof SHAPE)[keyof typeof SHAPE];

/** Transport directly on the network layer of a V4/V6 frame. */
export const TRANSPORT = { NONE: 0, TCP: 1, UDP: 2 } as const;
export type Transport = (typeof TRANSPORT)[keyof typeof TRANSPORT];

/** One distinct protocol list. */
export interface ProtocolSet {
  readonly id: number;
  readonly layers: readonly string[];
  /** How many times each protocol occurs in the list. */
  readonly counts: ReadonlyMap<string, number>;
  readonly shape: Shape;
  readonly transport: Transport;
}

interface Node {
  set: ProtocolSet | null;
  children: Map<string, Node> | null;
}

const NETWORK_ISH = ['ip', 'ipv6', 'tcp', 'udp', 'icmp', 'icmpv6'];

function classify(layers: readonly string[], counts: ReadonlyMap<string, number>): [Shape, Transport] {
  const n = (p: string): number => counts.get(p) ?? 0;
  if (NETWORK_ISH.every((p) => n(p) === 0)) {
    // An IPv6 header with a bogus version leaves its items in the tree but takes its layer out
    // again, and the caller shows the bytes as data. Only an Ethernet II frame that handed
    // nothing to "data" is known to hold no network fields at all.
    const plain = layers[0] === 'eth' && layers[1] === 'ethertype' && n('data') === 0;
    return [plain ? SHAPE.NONE : SHAPE.OTHER, TRANSPORT.NONE];
  }
  const v4 = layers[2] === 'ip';
  const v6 = layers[2] === 'ipv6';
  if (layers[0] !== 'eth' || layers[1] !== 'ethertype' || (!v4 && !v6)) return [SHAPE.OTHER, TRANSPORT.NONE];
  if (n('eth') !== 1 || n('ip') + n('ipv6') !== 1) return [SHAPE.OTHER, TRANSPORT.NONE];
  const tr = n('tcp') + n('udp');
  const icmp = n('icmp') + n('icmpv6');
  if (tr > 1 || icmp > 1 || (tr === 1 && icmp === 1)) return [SHAPE.OTHER, TRANSPORT.NONE];
  if ((v4 && n('icmpv6') > 0) || (v6 && n('icmp') > 0)) return [SHAPE.OTHER, TRANSPORT.NONE];
  let transport: Transport = TRANSPORT.NONE;
  if (tr === 1) {
    if (layers[3] === 'tcp') transport = TRANSPORT.TCP;
    else if (layers[3] === 'udp') transport = TRANSPORT.UDP;
    else return [SHAPE.OTHER, TRANSPORT.NONE];
  } else if (icmp === 0 || (layers[3] !== 'icmp' && layers[3] !== 'icmpv6')) {
    // Other payloads of IP (GRE, IP-in-IP, IPv6-in-IPv4, ...) may hold network headers whose
    // layer a bogus version took out again: the frame is dissected.
    return [SHAPE.OTHER, TRANSPORT.NONE];
  }
  return [v4 ? SHAPE.V4 : SHAPE.V6, transport];
}

function sameLayers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A trie over protocol names: one walk per frame, no string built. */
export class ProtocolSets {
  private readonly root: Node = { set: null, children: null };
  private readonly sets: ProtocolSet[] = [];

  /** The set of the previous call: consecutive frames mostly share their protocol list. */
  private last: ProtocolSet | null = null;

  /** The id of `layers` (interned on first sight). */
  idOf(layers: readonly string[]): number {
    const last = this.last;
    if (last && sameLayers(last.layers, layers)) return last.id;
    const set = this.lookup(layers);
    this.last = set;
    return set.id;
  }

  private lookup(layers: readonly string[]): ProtocolSet {
    let node = this.root;
    for (let i = 0; i < layers.length; i++) {
      const children = (node.children ??= new Map());
      let next = children.get(layers[i]);
      if (!next) {
        next = { set: null, children: null };
        children.set(layers[i], next);
      }
      node = next;
    }
    return (node.set ??= this.make(layers));
  }

  get(id: number): ProtocolSet {
    return this.sets[id];
  }

  get size(): number {
    return this.sets.length;
  }

  private make(layers: readonly string[]): ProtocolSet {
    const copy = layers.slice();
    const counts = new Map<string, number>();
    for (const l of copy) counts.set(l, (counts.get(l) ?? 0) + 1);
    const [shape, transport] = classify(copy, counts);
    const set: ProtocolSet = { id: this.sets.length, layers: copy, counts, shape, transport };
    this.sets.push(set);
    return set;
  }
}

/**
 * The protocols whose fields the pre-filter of filterFrames may rule out, each with the layers
 * under which its items can be added. A protocol's fields are not always under its own layer:
 * the IPv6 dissector adds the hidden ip.version, the ethertype dispatcher adds eth.padding and
 * eth.trailer under any link layer, mDNS and LLMNR are DNS's fields, an IEEE 802.1ad tag shows
 * ieee8021ah items. Protocols not listed (BER modules called directly, like x509af inside TLS,
 * and everything not checked) are never ruled out: filters on them dissect every frame.
 */
const CARRIERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['eth', ['eth', 'ethertype']],
  ['ieee8021ah', ['ieee8021ah', 'ieee8021ad']],
  ['arp', ['arp']],
  ['ip', ['ip', 'ipv6']],
  ['ipv6', ['ipv6']],
  ['icmp', ['icmp', 'icmpv6']],
  ['icmpv6', ['icmpv6']],
  ['tcp', ['tcp']],
  ['udp', ['udp']],
  ['dns', ['dns', 'mdns', 'llmnr']],
  ['http', ['http']],
  ['tls', ['tls']],
]);

/** Whether the pre-filter knows every layer under which `proto`'s fields can appear. */
export function canRuleOut(proto: string): boolean {
  return CARRIERS.has(proto);
}

/**
 * Whether a frame with protocol list `set` may hold fields of `proto` (which canRuleOut).
 * An IPv6 header with a bogus version takes its layer out again while its items (and the hidden
 * ip.version) stay; its caller then hands the bytes to "data", or, as a link layer of its own,
 * shows nothing else. So for ip and ipv6 any frame that is not Ethernet II or that has data may.
 */
export function mayHold(set: ProtocolSet, proto: string): boolean {
  const carriers = CARRIERS.get(proto);
  if (!carriers) return true;
  for (const c of carriers) if (set.counts.has(c)) return true;
  if (proto === 'ip' || proto === 'ipv6') {
    const l = set.layers;
    return l[0] !== 'eth' || l[1] !== 'ethertype' || set.counts.has('data');
  }
  return false;
}
