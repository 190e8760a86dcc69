/** DNS Stateful Operations (RFC 8490): the TLVs of a DSO message (opcode 6, all counts zero). */
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { hfRr } from './rr-fields';
import { addBytes, addUint } from './items';
import { ensureCapturedRemaining } from '../media/text';

const DSO_TYPES: [number, number, string][] = [
  [0x0000, 0x0000, 'Reserved'],
  [0x0001, 0x0001, 'Keep Alive'],
  [0x0002, 0x0002, 'Retry Delay'],
  [0x0003, 0x0003, 'Encryption Padding'],
  [0x0004, 0x003f, 'Unassigned, reserved for DSO session-management TLVs'],
  [0x0040, 0x0040, 'Subscribe'],
  [0x0041, 0x0041, 'Push'],
  [0x0042, 0x0042, 'Unsubscribe'],
  [0x0043, 0x0043, 'Reconfirm'],
  [0x0044, 0xf7ff, 'Unassigned'],
  [0xf800, 0xfbff, 'Reserved for Experimental/Local Use'],
  [0xfc00, 0xffff, 'Reserved for future expansion'],
];

function typeName(t: number): string {
  for (const [lo, hi, name] of DSO_TYPES) if (t >= lo && t <= hi) return name;
  return 'Unknown Type';
}

/** Returns the bytes consumed. */
export function dissectDso(tvb: Tvb, offset: number, t: ProtoNode | null): number {
  const start = offset;
  const avail = ensureCapturedRemaining(tvb, offset);
  const dt = t ? t.add(hfRr.dso, tvb, offset, avail, null) : null;
  while (tvb.reportedRemaining(offset) >= 4) {
    const len = tvb.u16(offset + 2);
    const type = tvb.u16(offset);
    const tt = dt ? dt.add(hfRr.dsoTlv, tvb, offset, Math.min(len + 4, tvb.remaining(offset)), null) : null;
    if (tt) tt.label = `DSO TLV: ${typeName(type)}`;
    tt?.add(hfRr.dsoTlvType, tvb, offset, 2, type, `Type: ${typeName(type)} (${type})`);
    offset += 2;
    addUint(tt, hfRr.dsoTlvLength, tvb, offset, 2);
    offset += 2;
    if (type === 1) {
      addUint(tt, hfRr.dsoTlvKeepaliveInactivity, tvb, offset, 4);
      addUint(tt, hfRr.dsoTlvKeepaliveInterval, tvb, offset + 4, 4);
      offset += 8;
    } else if (type === 2) {
      addUint(tt, hfRr.dsoTlvRetrydelayRetrydelay, tvb, offset, 4);
      offset += 4;
    } else if (len > 0) {
      addBytes(tt, type === 3 ? hfRr.dsoTlvEncpadPadding : hfRr.dsoTlvData, tvb, offset, len);
      offset += len;
    }
  }
  dt?.setLength(offset - start);
  return offset - start;
}
