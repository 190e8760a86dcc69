import { dissectData, showException } from '../../dissect/frame';
import type { FieldDef } from '../../dissect/fields';
import { SEVERITY } from '../../dissect/expert';
import type { TreeParent } from '../../dissect/tables';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import { BoundsError, type Tvb } from '../../dissect/tvb';
import { dissectLlc } from '../llc/dissector';
import { addEthernetTrailer } from './ethertype';
import { addExpert } from './expert-info';

/** The fields an 802.3-style length header reports with (eth.len or vlan.len and friends). */
export interface Ieee8023Fields {
  length: FieldDef;
  trailer: FieldDef;
  pastEnd: FieldDef;
}

/**
 * IEEE 802.3 framing (Wireshark's dissect_802_3): the type field is a length; the payload is
 * LLC (or Novell raw IPX when it starts with 0xffff); what follows `length` bytes is
 * padding/trailer. A malformed payload is shown here so the trailer can still be shown; a
 * payload cut short by the snaplen cuts the trailer too, so that error goes up to the frame.
 */
export function dissect8023(
  length: number,
  isLlc: boolean,
  tvb: Tvb,
  offsetAfterLength: number,
  pinfo: PacketInfo,
  tree: TreeParent,
  fhTree: ProtoNode | null,
  fields: Ieee8023Fields,
  fcsLen: number,
): void {
  const lengthItem = fhTree ? fhTree.add(fields.length, tvb, offsetAfterLength - 2, 2, length) : null;
  let reported = tvb.reportedRemaining(offsetAfterLength);
  if (fcsLen > 0 && reported >= fcsLen) reported -= fcsLen;
  if (length > reported) {
    length = reported;
    addExpert(
      pinfo,
      lengthItem,
      fields.pastEnd,
      SEVERITY.ERROR,
      'Malformed',
      'Length field value goes past the end of the payload',
    );
  }
  const captured = Math.min(tvb.remaining(offsetAfterLength), length);
  const next = tvb.sub(offsetAfterLength, captured, length);
  const trailer = tvb.has(offsetAfterLength + length, 1) ? tvb.sub(offsetAfterLength + length) : null;
  const savedProto = pinfo.currentProto;
  try {
    if (isLlc) dissectLlc(next, pinfo, tree);
    else dissectData(next, pinfo, tree);
  } catch (e) {
    if (!(e instanceof BoundsError) || e.kind === 'captured') throw e;
    showException(e, next, pinfo, tree);
    pinfo.currentProto = savedProto;
  }
  addEthernetTrailer(pinfo, fhTree, fields.trailer, tvb, trailer, fcsLen);
}
