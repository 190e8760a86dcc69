import { dissectData, showException } from '../../dissect/frame';
import type { FieldDef } from '../../dissect/fields';
import { SEVERITY } from '../../dissect/expert';
import { dissectorTable, type TreeParent } from '../../dissect/tables';
import { ONCE_ETHERTYPE_PAYLOAD, type PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import { BoundsError, Tvb } from '../../dissect/tvb';
import { actualReportedLength } from './actual-length';
import { addExpert } from './expert-info';
import { ETHERTYPES, hfEth } from './fields';

/** Dissectors by ethertype (IPv4 0x0800, ARP 0x0806, 802.1Q 0x8100, IPv6 0x86dd, ...). */
export const ethertypeTable = dissectorTable('ethertype', 'Ethertype');

/**
 * Calls the dissector registered for an ethertype on the payload, like Wireshark's "ethertype"
 * dissector: unknown types become data (Protocol column "0x88b5", Info the type's name); a
 * bounds error inside the payload is shown there and dissection drives on to show the
 * trailer; whatever the payload dissector did not claim is the link layer's padding/trailer.
 */
export function dissectEthertype(
  tvb: Tvb,
  pinfo: PacketInfo,
  tree: TreeParent,
  etype: number,
  /** Offset of the payload in `tvb`. */
  payloadOffset: number,
  /** The link layer's tree item, where the trailer items go. */
  fhTree: ProtoNode | null,
  /** eth.trailer, vlan.trailer, sll.trailer ... */
  trailerField: FieldDef,
  /** 0: no FCS, 4: FCS present, -1: unknown (guess from the trailer). */
  fcsLen: number,
): void {
  // (What Wireshark passes as an ethertype_data_t; separate arguments here, so that no object
  // is made per frame.)
  pinfo.addLayer('ethertype');
  let captured = tvb.remaining(payloadOffset);
  let reported = tvb.reportedRemaining(payloadOffset);
  const lengthBefore = reported;
  if (fcsLen > 0) {
    if (reported >= fcsLen) reported -= fcsLen;
    if (captured > reported) captured = reported;
  }
  const next = tvb.sub(
    payloadOffset,
    captured,
    reported,
    pinfo.takeOnce(ONCE_ETHERTYPE_PAYLOAD) ? reusedPayload : null,
  );

  const savedProto = pinfo.currentProto;
  let found = false;
  const d = ethertypeTable.get(etype);
  try {
    found = d !== undefined && d(next, pinfo, tree) !== 0;
  } catch (e) {
    if (!(e instanceof BoundsError)) throw e;
    showException(e, next, pinfo, tree);
    found = true;
    pinfo.currentProto = savedProto;
  }
  if (!found) {
    dissectData(next, pinfo, tree);
    if (pinfo.cols) {
      pinfo.cols.setProtocol(`0x${etype.toString(16).padStart(4, '0')}`);
      const name = ETHERTYPES.get(etype);
      if (name !== undefined) pinfo.cols.setInfo(name);
    }
  }

  // add_dix_trailer: what the payload dissector left unclaimed is a trailer.
  const length = actualReportedLength(next);
  let trailer: Tvb | null = null;
  if (length < lengthBefore && tvb.has(payloadOffset + length, 1)) {
    trailer = tvb.sub(payloadOffset + length);
  }
  addEthernetTrailer(pinfo, fhTree, trailerField, tvb, trailer, fcsLen);
}

/**
 * Splits what follows a link-layer payload into padding (zeros up to the 60-byte minimum
 * frame), trailer and FCS, as Wireshark's add_ethernet_trailer does with its default settings
 * (padding must be zeros; an FCS is assumed in a frame of 64+ bytes when the trailer has room
 * for one; the FCS is not verified).
 */
export function addEthernetTrailer(
  pinfo: PacketInfo,
  fhTree: ProtoNode | null,
  trailerField: FieldDef,
  tvb: Tvb,
  trailerTvb: Tvb | null,
  fcsLen: number,
): void {
  if (!trailerTvb) return;
  let trailerLength = trailerTvb.length;
  let trailerReported = trailerTvb.reportedLength;
  let paddingLength = 0;
  let hasFcs = false;
  const frameLen = pinfo.origlen;
  const maybePadded = frameLen >= 60 && frameLen - trailerReported < 60;
  if (maybePadded) {
    paddingLength = 60 - (frameLen - trailerReported);
    for (let i = 0; i < paddingLength; i++) {
      if (trailerTvb.u8(i) !== 0) {
        paddingLength = 0;
        break;
      }
    }
    if (paddingLength > 0) {
      if (fhTree) fhTree.add(hfEth.padding, trailerTvb, 0, paddingLength, trailerTvb.view(0, paddingLength));
      trailerLength -= paddingLength;
      trailerReported -= paddingLength;
    }
  }
  if (fcsLen !== 0 && (fcsLen === 4 || (tvb.reportedLength >= 64 && trailerReported >= 4))) {
    if (trailerLength < trailerReported) {
      trailerReported -= 4;
      if (trailerLength > trailerReported) trailerLength = trailerReported;
    } else {
      trailerLength -= 4;
      trailerReported -= 4;
    }
    hasFcs = true;
  }
  const realTrailerReported = fcsLen === 4 ? trailerReported : trailerTvb.reportedLength - paddingLength;
  if (realTrailerReported !== 0 && trailerLength > 0) {
    const item = fhTree
      ? fhTree.add(
          trailerField,
          trailerTvb,
          paddingLength,
          trailerLength,
          trailerTvb.view(paddingLength, trailerLength),
        )
      : null;
    if (maybePadded && paddingLength === 0) {
      addExpert(
        pinfo,
        item,
        hfEth.paddingBad,
        SEVERITY.NOTE,
        'Protocol',
        "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.",
      );
    }
  }
  if (hasFcs) {
    const at = paddingLength + trailerLength;
    const fcs = trailerTvb.u32(at);
    if (fhTree) {
      fhTree.add(hfEth.fcs, trailerTvb, at, 4, fcs, `Frame check sequence: 0x${hex8(fcs)} [unverified]`);
      fhTree.add(hfEth.fcsStatus, trailerTvb, at, 0, 2).setGenerated();
    }
  }
}

function hex8(v: number): string {
  return v.toString(16).padStart(8, '0');
}

/** The payload tvb of the outermost ethertype of scratch frames (PacketInfo.takeOnce). */
const reusedPayload = Tvb.reusable();
