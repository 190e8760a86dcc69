import type { TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { dissectEthertype, ethertypeTable } from '../ethernet/ethertype';
import { ETHERTYPES } from '../ethernet/fields';
import { dissect8023 } from '../ethernet/ieee8023';
import { hfIeee8021ad, hfVlan, PRIORITY_NAMES, protoIeee8021ad, protoVlan } from './fields';

const IEEE_802_3_MAX_LEN = 1500;
const VLAN_8023_FIELDS = { length: hfVlan.len, trailer: hfVlan.trailer, pastEnd: hfVlan.lenPastEnd };

/** "001. .... .... .... " — the bit pattern Wireshark prints before a 16-bit bit field. */
function bits16(v: number, mask: number): string {
  let s = '';
  for (let i = 15; i >= 0; i--) {
    s += (mask >>> i) & 1 ? String((v >>> i) & 1) : '.';
    if (i % 4 === 0 && i > 0) s += ' ';
  }
  return s;
}

function etypeLabel(etype: number): string {
  return `Type: ${ETHERTYPES.get(etype) ?? 'Unknown'} (0x${etype.toString(16).padStart(4, '0')})`;
}

/** IEEE 802.1Q VLAN tag (ethertype 0x8100, and 0x9100 for old Q-in-Q). */
export function dissectVlan(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'VLAN';
  pinfo.addLayer('vlan');
  pinfo.cols?.setProtocol('VLAN');
  pinfo.cols?.clearInfo();
  const tci = tvb.u16(0);
  const pri = tci >>> 13;
  const dei = (tci >>> 12) & 1;
  const id = tci & 0xfff;
  pinfo.cols?.setInfo(`PRI: ${pri}  DEI: ${dei}  ID: ${id}`);
  let t: ProtoNode | null = null;
  if (tree) {
    t = tree.add(protoVlan, tvb, 0, 4, null, `802.1Q Virtual LAN, PRI: ${pri}, DEI: ${dei}, ID: ${id}`);
    t.add(
      hfVlan.priority,
      tvb,
      0,
      2,
      pri,
      `${bits16(tci, 0xe000)} = Priority: ${PRIORITY_NAMES.get(pri)} (${pri})`,
    );
    t.add(hfVlan.dei, tvb, 0, 2, dei);
    t.add(hfVlan.id, tvb, 0, 2, id);
  }
  const encap = tvb.u16(2);
  if (encap <= IEEE_802_3_MAX_LEN) {
    const isLlc = !(tvb.has(4, 2) && tvb.u16(4) === 0xffff);
    dissect8023(encap, isLlc, tvb, 4, pinfo, tree, t, VLAN_8023_FIELDS, 0);
  } else {
    if (t) t.add(hfVlan.etype, tvb, 2, 2, encap, etypeLabel(encap));
    dissectEthertype(tvb, pinfo, tree, encap, 4, t, hfVlan.trailer, 0);
  }
  return tvb.length;
}

/** IEEE 802.1ad service tag (Q-in-Q outer tag, ethertype 0x88a8). */
export function dissectIeee8021ad(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'IEEE 802.1AD';
  pinfo.addLayer('ieee8021ad');
  pinfo.cols?.setProtocol('802.1ad');
  const tci = tvb.u16(0);
  const id = tci & 0xfff;
  let t: ProtoNode | null = null;
  if (tree) {
    t = tree.add(protoIeee8021ad, tvb, 0, 4, null, `IEEE 802.1ad, ID: ${id}`);
    t.add(hfIeee8021ad.priority, tvb, 0, 2, tci >>> 13);
    t.add(hfIeee8021ad.dei, tvb, 0, 2, (tci >>> 12) & 1);
    t.add(hfIeee8021ad.id, tvb, 0, 2, id);
  }
  const etype = tvb.u16(2);
  if (t) t.add(hfIeee8021ad.etype, tvb, 2, 2, etype, etypeLabel(etype));
  dissectEthertype(tvb, pinfo, tree, etype, 4, t, hfIeee8021ad.trailer, 0);
  return tvb.length;
}

ethertypeTable.add(0x8100, dissectVlan);
ethertypeTable.add(0x9100, dissectVlan);
ethertypeTable.add(0x88a8, dissectIeee8021ad);
