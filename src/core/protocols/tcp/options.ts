import { storeSackBlock, LE_SEQ, LT_SEQ, GE_SEQ, TH } from '../../analysis/tcp-analysis';
import { SEVERITY } from '../../dissect/expert';
import type { FieldDef } from '../../dissect/fields';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { addExpert } from './expert';
import { eiTcp, hfTcp, protoOpt } from './fields';
import type { TcpHeader } from './header';
import { dissectMptcpOption } from './mptcp';

const plural = (n: number): string => (n === 1 ? '' : 's');

interface OptionItems {
  item: ProtoNode | null;
  lengthItem: ProtoNode | null;
}

/** Shared answer of optionItem when no tree is built (nothing allocated per option then). */
const NO_ITEMS: OptionItems = Object.freeze({ item: null, lengthItem: null });

/** The option's protocol item with Kind and Length children; returns it (null without tree). */
function optionItem(tree: ProtoNode | null, def: FieldDef, tvb: Tvb, withLength: boolean): OptionItems {
  if (!tree) return NO_ITEMS;
  const len = tvb.length;
  const item = tree.add(def, tvb, 0, len, tvb.view(0, len), def.name);
  item.add(hfTcp.optionKind, tvb, 0, 1, tvb.u8(0));
  const lengthItem = withLength ? item.add(hfTcp.optionLen, tvb, 1, 1, tvb.u8(1)) : null;
  return { item, lengthItem };
}

/** Wireshark's tcp_option_len_check: a Note when the option has the wrong length. */
function lenCheck(pinfo: PacketInfo, lengthItem: ProtoNode | null, len: number, expected: number): boolean {
  if (len === expected) return true;
  addExpert(
    pinfo,
    lengthItem,
    eiTcp.optLenInvalid,
    SEVERITY.NOTE,
    'Sequence',
    `option length should be ${expected}`,
  );
  return false;
}

type OptionDissector = (tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null, h: TcpHeader) => void;

function dissectMss(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null, h: TcpHeader): void {
  const { item, lengthItem } = optionItem(tree, protoOpt.mss, tvb, true);
  if (!(h.flags & TH.SYN)) {
    addExpert(pinfo, item, eiTcp.mssPresent, SEVERITY.WARN, 'Protocol', eiTcp.mssPresent.name);
  }
  if (!lenCheck(pinfo, lengthItem, tvb.reportedLength, 4)) return;
  const mss = tvb.u16(2);
  if (item) {
    item.add(hfTcp.mssVal, tvb, 2, 2, mss);
    item.appendLabel(`: ${mss} bytes`);
  }
  pinfo.cols?.appendInfo(` MSS=${mss}`);
}

function dissectWscale(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null, h: TcpHeader): void {
  const { item, lengthItem } = optionItem(tree, protoOpt.wscale, tvb, true);
  if (!lenCheck(pinfo, lengthItem, tvb.reportedLength, 3)) return;
  const val = tvb.u8(2);
  let shift = val;
  const shiftItem = item ? item.add(hfTcp.wscaleShift, tvb, 2, 1, shift) : null;
  if (shift > 14) {
    shift = 14;
    addExpert(
      pinfo,
      shiftItem,
      eiTcp.wscaleShiftInvalid,
      SEVERITY.WARN,
      'Protocol',
      eiTcp.wscaleShiftInvalid.name,
    );
  }
  const mult = 1 << shift;
  if (item) {
    item.add(hfTcp.wscaleMultiplier, tvb, 2, 1, mult).setGenerated();
    item.appendLabel(`: ${val} (multiply by ${mult})`);
  }
  pinfo.cols?.appendInfo(` WS=${mult}`);
  if (!pinfo.visited && h.fwd) h.fwd.winScale = shift;
}

function dissectSackPerm(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null): void {
  const { lengthItem } = optionItem(tree, protoOpt.sackPerm, tvb, true);
  pinfo.cols?.appendInfo(' SACK_PERM');
  lenCheck(pinfo, lengthItem, tvb.reportedLength, 2);
}

function dissectTimestamp(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null): void {
  const { item, lengthItem } = optionItem(tree, protoOpt.timestamp, tvb, true);
  if (!lenCheck(pinfo, lengthItem, tvb.reportedLength, 10)) return;
  const tsval = tvb.u32(2);
  const tsecr = tvb.u32(6);
  if (item) {
    item.add(hfTcp.tsval, tvb, 2, 4, tsval);
    item.add(hfTcp.tsecr, tvb, 6, 4, tsecr);
    item.appendLabel(`: TSval ${tsval}, TSecr ${tsecr}`);
  }
  pinfo.cols?.appendInfo(` TSval=${tsval} TSecr=${tsecr}`);
}

function dissectSack(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null, h: TcpHeader): void {
  // Edges are shown relative to the other direction's initial sequence number.
  const baseAck = h.rev ? h.rev.baseSeq : 0;
  const storeForBif = !pinfo.visited && h.fwd !== null;
  if (storeForBif && h.fwd) h.fwd.numSackRanges = 0;
  const { item } = optionItem(tree, protoOpt.sack, tvb, true);
  let offset = 2;
  let optlen = tvb.reportedLength - 2;
  let ranges = 0;
  while (optlen > 0) {
    if (optlen < 4) {
      addExpert(
        pinfo,
        item,
        eiTcp.suboptionMalformed,
        SEVERITY.ERROR,
        'Malformed',
        eiTcp.suboptionMalformed.name,
      );
      break;
    }
    const left = (tvb.u32(offset) - baseAck) >>> 0;
    item?.add(hfTcp.sackLe, tvb, offset, 4, left, `left edge = ${left} (relative)`);
    optlen -= 4;
    if (optlen < 4) {
      addExpert(
        pinfo,
        item,
        eiTcp.suboptionMalformed,
        SEVERITY.ERROR,
        'Malformed',
        eiTcp.suboptionMalformed.name,
      );
      break;
    }
    const right = (tvb.u32(offset + 4) - baseAck) >>> 0;
    optlen -= 4;
    item?.add(hfTcp.sackRe, tvb, offset + 4, 4, right, `right edge = ${right} (relative)`);
    pinfo.cols?.appendInfo(` SLE=${left} SRE=${right}`);
    ranges++;
    if (storeForBif && h.fwd) storeSackBlock(h.fwd, ranges, left, right);
    if (h.numSackRanges === 0) {
      h.sackLeft0 = left;
      h.sackRight0 = right;
    } else if (h.numSackRanges === 1) {
      h.sackLeft1 = left;
      h.sackRight1 = right;
    }
    if (h.numSackRanges < 4) h.numSackRanges++;
    item?.appendLabel(` ${left}-${right}`);
    offset += 8;
  }
  item?.add(hfTcp.sackCount, tvb, 0, 0, ranges).setGenerated();
  // RFC 2883 D-SACK: the first block lies below the ACK, or inside the second block.
  if (
    LE_SEQ(h.sackRight0, h.ack) ||
    (h.numSackRanges > 1 && LT_SEQ(h.sackLeft1, h.sackRight0) && GE_SEQ(h.sackRight1, h.sackRight0))
  ) {
    const left = (tvb.u32(2) - baseAck) >>> 0;
    const right = (tvb.u32(6) - baseAck) >>> 0;
    if (item) {
      item.add(hfTcp.dsackLe, tvb, 2, 4, left, `D-SACK Left Edge = ${left} (relative)`).setGenerated();
      item.add(hfTcp.dsackRe, tvb, 6, 4, right, `D-SACK Right Edge = ${right} (relative)`).setGenerated();
    }
    addExpert(pinfo, item, eiTcp.dsack, SEVERITY.WARN, 'Sequence', eiTcp.dsack.name);
  }
}

function dissectEcho(def: FieldDef, info: string): OptionDissector {
  return (tvb, pinfo, tree) => {
    const { item, lengthItem } = optionItem(tree, def, tvb, true);
    if (!lenCheck(pinfo, lengthItem, tvb.reportedLength, 6)) return;
    const v = tvb.u32(2);
    if (item) {
      item.add(info === 'ECHO' ? hfTcp.echo : hfTcp.ccValue, tvb, 2, 4, v);
      item.appendLabel(`: ${v}`);
    }
    pinfo.cols?.appendInfo(` ${info}=${v}`);
  };
}

function dissectMd5(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null): void {
  const { item, lengthItem } = optionItem(tree, protoOpt.md5, tvb, true);
  pinfo.cols?.appendInfo(' MD5');
  if (!lenCheck(pinfo, lengthItem, tvb.reportedLength, 18)) return;
  const digest = tvb.view(2, 16);
  item?.add(hfTcp.md5Digest, tvb, 2, 16, digest);
}

function dissectUserTo(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null): void {
  const { item, lengthItem } = optionItem(tree, protoOpt.userTo, tvb, true);
  if (!lenCheck(pinfo, lengthItem, tvb.reportedLength, 4)) return;
  const raw = tvb.u16(2);
  const to = raw & 0x7fff;
  if (item) {
    item.add(hfTcp.userToGranularity, tvb, 2, 2, raw & 0x8000 ? 1 : 0);
    item.add(hfTcp.userToVal, tvb, 2, 2, to);
  }
  pinfo.cols?.appendInfo(` USER_TO=${to}`);
}

function tfoPayload(
  tvb: Tvb,
  offset: number,
  optlen: number,
  pinfo: PacketInfo,
  item: ProtoNode | null,
  h: TcpHeader,
): void {
  if (optlen === 2) {
    item?.add(hfTcp.tfoRequest, tvb, offset, 2, null);
    pinfo.cols?.appendInfo(' TFO=R');
  } else if (optlen > 2) {
    const ti = item
      ? item.add(hfTcp.tfoCookie, tvb, offset + 2, optlen - 2, tvb.view(offset + 2, optlen - 2))
      : null;
    pinfo.cols?.appendInfo(' TFO=C');
    if ((h.flags & (TH.SYN | TH.ACK)) === TH.SYN) {
      addExpert(pinfo, ti, eiTcp.tfoSyn, SEVERITY.NOTE, 'Sequence', eiTcp.tfoSyn.name);
      if (h.haveSeglen && h.seglen && h.conv && !pinfo.visited) h.conv.tfoSynData = true;
    }
  }
}

function dissectTfo(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null, h: TcpHeader): void {
  const { item } = optionItem(tree, protoOpt.tfo, tvb, true);
  tfoPayload(tvb, 0, tvb.reportedLength, pinfo, item, h);
}

function dissectExp(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode | null, h: TcpHeader): void {
  const { item } = optionItem(tree, protoOpt.exp, tvb, true);
  const optlen = tvb.reportedLength;
  if (optlen - 2 > 0) {
    const exid = tvb.u16(2);
    item?.add(hfTcp.expExid, tvb, 2, 2, exid);
    if (exid === 0xf989) tfoPayload(tvb, 2, optlen - 2, pinfo, item, h);
  }
}

function dissectUnknown(tvb: Tvb, _pinfo: PacketInfo, tree: ProtoNode | null): void {
  const { item } = optionItem(tree, protoOpt.unknown, tvb, true);
  const optlen = tvb.reportedLength;
  if (optlen > 2) {
    const payload = tvb.view(2, optlen - 2);
    item?.add(hfTcp.unknownPayload, tvb, 2, optlen - 2, payload);
  }
}

/** Option dissectors by kind, with the short name appended to the "Options:" line. */
const OPTIONS = new Map<number, { name: string; fn: OptionDissector }>([
  [2, { name: 'Maximum segment size', fn: dissectMss }],
  [3, { name: 'Window scale', fn: dissectWscale }],
  [4, { name: 'SACK permitted', fn: dissectSackPerm }],
  [5, { name: 'SACK', fn: dissectSack }],
  [6, { name: 'Echo', fn: dissectEcho(protoOpt.echo, 'ECHO') }],
  [7, { name: 'Echo reply', fn: dissectEcho(protoOpt.echoReply, 'ECHO') }],
  [8, { name: 'Timestamps', fn: dissectTimestamp }],
  [11, { name: 'CC', fn: dissectEcho(protoOpt.cc, 'CC') }],
  [12, { name: 'CC.NEW', fn: dissectEcho(protoOpt.ccNew, 'CC') }],
  [13, { name: 'CC.ECHO', fn: dissectEcho(protoOpt.ccEcho, 'CC') }],
  [19, { name: 'TCP MD5 signature', fn: dissectMd5 }],
  [28, { name: 'User Timeout', fn: dissectUserTo }],
  [30, { name: 'Multipath TCP', fn: (tvb, pinfo, tree) => dissectMptcpOption(tvb, pinfo, tree) }],
  [34, { name: 'TCP Fast Open', fn: dissectTfo }],
  [253, { name: 'Experimental', fn: dissectExp }],
  [254, { name: 'Experimental', fn: dissectExp }],
]);

/**
 * Dissects the options area (Wireshark's tcp_dissect_options): NOP/EOL inline, every other
 * option through its dissector with bounds and length checks, the "Options:" line listing
 * the option names, and the SYN-without-MSS note.
 */
export function dissectTcpOptions(
  tvb: Tvb,
  offset: number,
  length: number,
  pinfo: PacketInfo,
  optTree: ProtoNode | null,
  h: TcpHeader,
): void {
  let nopCount = 0;
  let mssSeen = false;
  let sawEol = false;
  while (length > 0) {
    const opt = tvb.u8(offset);
    if (sawEol && opt !== 0) {
      // Only zero padding may follow an End of Option List.
      optTree?.addText(tvb, offset, length, 'Non-zero header padding');
      addExpert(pinfo, optTree, eiTcp.nonZeroAfterEol, SEVERITY.ERROR, 'Protocol', 'Non-zero header padding');
      break;
    }
    length--;
    if (opt === 0 || opt === 1) {
      const def = opt === 0 ? protoOpt.eol : protoOpt.nop;
      if (opt === 1) {
        if (optTree && (nopCount === 0 || offset % 4)) {
          nopCount++;
          if (nopCount === 4) addExpert(pinfo, optTree, eiTcp.nop, SEVERITY.WARN, 'Protocol', eiTcp.nop.name);
        } else {
          nopCount = 0;
        }
      }
      if (optTree) {
        const it = optTree.add(def, tvb, offset, 1, tvb.view(offset, 1), def.name);
        it.add(hfTcp.optionKind, tvb, offset, 1, opt);
        optTree.appendLabel(`, ${def.blurb ?? ''}`);
      }
      offset += 1;
    } else {
      const known = OPTIONS.get(opt);
      const name = known ? known.name : `Unknown (0x${opt.toString(16).padStart(2, '0')})`;
      if (length === 0) {
        addExpert(
          pinfo,
          optTree,
          eiTcp.optLenInvalid,
          SEVERITY.NOTE,
          'Sequence',
          `${name} (length byte past end of options)`,
        );
        return;
      }
      const optlen = tvb.u8(offset + 1);
      length--;
      if (optlen < 2) {
        addExpert(
          pinfo,
          optTree,
          eiTcp.optLenInvalid,
          SEVERITY.NOTE,
          'Sequence',
          `${name} (with too-short option length = ${optlen} byte${plural(optlen)})`,
        );
        return;
      } else if (optlen - 2 > length) {
        addExpert(
          pinfo,
          optTree,
          eiTcp.optLenInvalid,
          SEVERITY.NOTE,
          'Sequence',
          `${name} (option length = ${optlen} byte${plural(optlen)} says option goes past end of options)`,
        );
        return;
      }
      if (opt === 2) mssSeen = true;
      const sub = tvb.sub(offset, optlen);
      (known ? known.fn : dissectUnknown)(sub, pinfo, optTree, h);
      optTree?.appendLabel(`, ${name}`);
      offset += optlen;
      length -= optlen - 2;
    }
    if (opt === 0) sawEol = true;
  }
  if (h.flags & TH.SYN && !mssSeen) {
    addExpert(pinfo, optTree, eiTcp.mssAbsent, SEVERITY.NOTE, 'Protocol', eiTcp.mssAbsent.name);
  }
}
