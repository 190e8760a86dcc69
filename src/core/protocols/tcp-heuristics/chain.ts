import type { PacketInfo } from '../../dissect/packet-info';
import { heuristicList, type HeuristicDissector, type TreeParent } from '../../dissect/tables';
import type { Tvb } from '../../dissect/tvb';

/**
 * tshark 4.0's "tcp" heuristic list in its initial order (`tshark -G heuristic-decodes`):
 * dissector_try_heuristic walks it from the front.
 */
const TSHARK_ORDER = [
  'ziop',
  'ymsg',
  'yhoo',
  'xml',
  'xmcp',
  'xcsl',
  'websocket',
  'vnc',
  'ucp',
  'tuxedo',
  'tpkt',
  'thrift',
  'tds',
  'tcpros',
  'tcpencap',
  'tali',
  'stun',
  'starteam',
  'tls',
  'spice',
  'spdy',
  'someip',
  'smpp',
  'smc',
  'sip',
  'rtps',
  'rtmpt',
  'rtitcp',
  'rpcap',
  'rpc',
  'reload-framing',
  'reload',
  'q931',
  'pvfs',
  'proxy',
  'paltalk',
  'openwire',
  'openflow',
  'ocp1',
  'nstrace.rpc',
  'netperfmeter',
  'njack',
  'ndmp',
  'nbd',
  'nano',
  'msrp',
  'mq',
  'iwarp_mpa',
  'http',
  'lbttcp',
  'lbmsrs',
  'lbmpdm_tcp',
  'lanforge',
  'jxta',
  'iscsi',
  'ifcp',
  'icep',
  'hl7',
  'hislip',
  'hdcp2',
  'h1',
  'giop',
  'fmtp',
  'fix',
  'fcip',
  'fb_zero',
  'etch',
  'drda',
  'drbd',
  'dplay',
  'dnp3',
  'diameter',
  'dicom',
  'dcerpc',
  'ctdb',
  'classicstun',
  'cimd',
  'ceph',
  'bittorrent',
  'bitcoin',
  'bfcp',
  'adwin_config',
  'acn',
];

interface Entry {
  name: string;
  fn: HeuristicDissector;
}

/**
 * The payload heuristics of the protocols that see random TCP data in the corpus (TDS, Spice,
 * RTPS, OpenWire, JXTA, H1), tried the way tshark tries its heuristic list: in tshark's
 * initial order, and a heuristic that accepts a packet moves to the front for the following
 * packets of the capture (Wireshark "bubbles the matched entry to the top"; tshark starts
 * every file with the initial order). The order matters on snaplen-cut data, where several of
 * them would throw on the same bytes. The chain is one entry of the framework's "tcp" list,
 * after HTTP and TLS (neither can claim what these throw on).
 */
class HeuristicChain {
  private readonly entries: Entry[] = [];

  add(name: string, fn: HeuristicDissector): void {
    const rank = (n: string): number => {
      const i = TSHARK_ORDER.indexOf(n);
      return i < 0 ? TSHARK_ORDER.length : i;
    };
    const at = this.entries.findIndex((e) => rank(e.name) > rank(name));
    this.entries.splice(at < 0 ? this.entries.length : at, 0, { name, fn });
  }

  /** The capture's current order (indices into the entries), created on first use. */
  private orderOf(pinfo: PacketInfo): number[] {
    return pinfo.capture.stateFor('tcp-heuristic-order', () => this.entries.map((_, i) => i));
  }

  /** The names in the order the next packet of this capture will try them (for tests). */
  names(pinfo: PacketInfo): string[] {
    return this.orderOf(pinfo).map((i) => this.entries[i].name);
  }

  tryAll(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent, data?: unknown): boolean {
    const order = this.orderOf(pinfo);
    for (let k = 0; k < order.length; k++) {
      const idx = order[k];
      if (!this.entries[idx].fn(tvb, pinfo, tree, data)) continue;
      if (k > 0) {
        order.splice(k, 1);
        order.unshift(idx);
      }
      return true;
    }
    return false;
  }
}

export const tcpHeuristicChain = new HeuristicChain();

heuristicList('tcp').add('payload-heuristics', (tvb, pinfo, tree, data) =>
  tcpHeuristicChain.tryAll(tvb, pinfo, tree, data),
);
