/**
 * Test-only stand-in for the IPv4/IPv6 dissectors while they are being written elsewhere:
 * registers itself only when no dissector claims the ethertype yet. It does just what TCP
 * relies on: addresses in pinfo, ipProto, the payload tvb, and dispatch through ip.proto.
 */
import { ipv4Address, ipv6Address } from '../../../../src/core/dissect/address';
import { dissectData } from '../../../../src/core/dissect/frame';
import type { PacketInfo } from '../../../../src/core/dissect/packet-info';
import { dissectorTable, type TreeParent } from '../../../../src/core/dissect/tables';
import type { Tvb } from '../../../../src/core/dissect/tvb';
import '../../../../src/core/protocols/index';
import '../../../../src/core/protocols/sll/dissector';

const ethertype = dissectorTable('ethertype');
const ipProto = dissectorTable('ip.proto');

function next(proto: number, tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): void {
  pinfo.ipProto = proto;
  const d = ipProto.get(proto);
  if (!d || d(tvb, pinfo, tree) === 0) dissectData(tvb, pinfo, tree);
}

function ipv4(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  const hl = (tvb.u8(0) & 15) * 4;
  const total = tvb.u16(2);
  pinfo.addLayer('ip');
  pinfo.netSrc = pinfo.src = ipv4Address(tvb.u32(12));
  pinfo.netDst = pinfo.dst = ipv4Address(tvb.u32(16));
  next(tvb.u8(9), tvb.sub(hl, total - hl, total - hl), pinfo, tree);
  return tvb.length;
}

function ipv6(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  const plen = tvb.u16(4);
  pinfo.addLayer('ipv6');
  pinfo.netSrc = pinfo.src = ipv6Address(tvb.view(8, 16).slice());
  pinfo.netDst = pinfo.dst = ipv6Address(tvb.view(24, 16).slice());
  next(tvb.u8(6), tvb.sub(40, plen, plen), pinfo, tree);
  return tvb.length;
}

if (!ethertype.get(0x0800)) ethertype.add(0x0800, ipv4);
if (!ethertype.get(0x86dd)) ethertype.add(0x86dd, ipv6);
