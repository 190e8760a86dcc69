import { SEVERITY } from '../../dissect/expert';
import type { PacketInfo } from '../../dissect/packet-info';
import type { ProtoNode } from '../../dissect/tree';
import { BoundsError, type Tvb } from '../../dissect/tvb';
import { hexBytes } from '../../dissect/format';
import { addExpert } from '../tcp/expert';
import { hfSigcomp as hf, NACK_REASONS, UDVM_INSTRUCTIONS } from './fields';

/** Length of the SHA-1 hash in a NACK (RFC 4077). */
const SHA1_LEN = 20;
/** NACK reasons followed by a state identifier, cycles per bit, or a memory size (RFC 4077 §3.2). */
const NACK_STATE_NOT_FOUND = 1;
const NACK_CYCLES_EXHAUSTED = 2;
const NACK_BYTECODES_TOO_LARGE = 18;
const NACK_ID_NOT_UNIQUE = 21;
const NACK_STATE_TOO_SHORT = 23;

/**
 * A fixed-length tree item's bounds check. Wireshark's proto_tree_add_item verifies the bytes
 * exist whether or not a tree is being built, so a short message throws the same way in the
 * tree-less first pass.
 */
function need(tvb: Tvb, offset: number, len: number): void {
  tvb.ensure(offset, len);
}

/**
 * An FT_NONE item's length is cut at the end of the captured data (an item may claim more than
 * is there); only a start beyond the end throws.
 */
function clampNone(tvb: Tvb, offset: number, len: number): number {
  const remaining = tvb.length - offset;
  if (remaining < 0) throw new BoundsError('reported', `SigComp item at offset ${offset} past the end`);
  return len > 0 && remaining < len ? remaining : len;
}

/**
 * One SigComp message (RFC 3320 §7) as tshark 4.0 shows it with its default preferences: the
 * header fields, the partial state identifier or the uploaded bytecode, NACKs (RFC 4077). The
 * message is not decompressed (preference "sigcomp.decomp.msg" is off by default), so nothing
 * is handed to SIP. Returns the bytes consumed (all of them).
 */
export function dissectSigcompMessage(tvb: Tvb, pinfo: PacketInfo, t: ProtoNode | null): number {
  const cols = pinfo.cols;
  let offset = 0;
  let octet = tvb.u8(offset);
  t?.add(hf.tBit, tvb, offset, 1, (octet & 0x04) >> 2);
  t?.add(hf.length, tvb, offset, 1, octet & 0x03);
  const tbit = (octet & 0x04) !== 0;
  let partialStateLen = octet & 0x03;
  offset++;
  if (partialStateLen !== 0) {
    partialStateLen = partialStateLen * 3 + 3;
    cols?.setInfo('Msg format 1');
    if (tbit) {
      let len = 1;
      octet = tvb.u8(offset);
      let feedback: Uint8Array;
      if (octet & 0x80) {
        len = octet & 0x7f;
        t?.add(hf.feedbackItemLen, tvb, offset, 1, octet & 0x7f);
        offset++;
        feedback = tvb.view(offset, len);
      } else {
        // The short form's value is the low seven bits of the byte itself.
        feedback = Uint8Array.of(octet & 0x7f);
      }
      t?.add(hf.feedbackItem, tvb, offset, len, feedback);
      offset += len;
    }
    const partialState = tvb.view(offset, partialStateLen);
    t?.add(hf.partialState, tvb, offset, partialStateLen, hexBytes(partialState));
    offset += partialStateLen;
    const msgLen = tvb.reportedRemaining(offset);
    if (msgLen > 0) t?.add(hf.remainingBytes, tvb, offset, 0, msgLen).setGenerated();
    return tvb.length;
  }

  cols?.setInfo('Msg format 2');
  if (tbit) {
    let len = 1;
    octet = tvb.u8(offset);
    if (octet & 0x80) {
      len = octet & 0x7f;
      t?.add(hf.feedbackItemLen, tvb, offset, 1, octet & 0x7f);
      offset++;
    }
    const feedback = tvb.view(offset, len);
    t?.add(hf.feedbackItem, tvb, offset, len, feedback);
    offset += len;
  }
  const len = tvb.u16(offset) >> 4;
  const nackVersion = tvb.u8(offset + 1) & 0x0f;
  if (len === 0 && nackVersion === 1) {
    offset++;
    t?.add(hf.nackVersion, tvb, offset, 1, nackVersion);
    offset++;
    const reason = tvb.u8(offset);
    const reasonItem = t ? t.add(hf.nackReason, tvb, offset, 1, reason) : null;
    offset++;
    const opcode = tvb.u8(offset);
    t?.add(hf.nackOpcode, tvb, offset, 1, opcode);
    offset++;
    const reasonName = NACK_REASONS.get(reason) ?? 'Unknown';
    const opcodeName = UDVM_INSTRUCTIONS.get(opcode) ?? 'Unknown';
    addExpert(
      pinfo,
      reasonItem,
      hf.nackExpert,
      SEVERITY.WARN,
      'Sequence',
      `SigComp NACK (reason=${reasonName}, opcode=${opcodeName})`,
      'SIGCOMP',
    );
    need(tvb, offset, 2);
    t?.add(hf.nackPc, tvb, offset, 2, tvb.u16(offset));
    offset += 2;
    const sha1 = tvb.view(offset, SHA1_LEN);
    t?.add(hf.nackSha1, tvb, offset, SHA1_LEN, sha1);
    offset += SHA1_LEN;
    cols?.appendInfo(`  NACK reason=${reasonName}, opcode=${opcodeName}`);
    switch (reason) {
      case NACK_STATE_NOT_FOUND:
      case NACK_ID_NOT_UNIQUE:
      case NACK_STATE_TOO_SHORT: {
        // Offset is within the data here: the hash before it was read.
        t?.add(hf.nackStateId, tvb, offset, tvb.length - offset, tvb.view(offset, tvb.length - offset));
        break;
      }
      case NACK_CYCLES_EXHAUSTED:
        need(tvb, offset, 1);
        t?.add(hf.nackCyclesPerBit, tvb, offset, 1, tvb.u8(offset));
        break;
      case NACK_BYTECODES_TOO_LARGE:
        need(tvb, offset, 2);
        t?.add(hf.memorySize, tvb, offset, 2, tvb.u16(offset));
        break;
      default:
        break;
    }
    return tvb.length;
  }

  const destNibble = tvb.u8(offset + 1) & 0x0f;
  t?.add(hf.codeLen, tvb, offset, 2, len);
  t?.add(hf.destination, tvb, offset + 1, 1, destNibble);
  offset += 2;
  const itemLen = clampNone(tvb, offset, len);
  t?.add(
    hf.udvmBytecode,
    tvb,
    offset,
    itemLen,
    null,
    `Uploaded UDVM bytecode ${len} (0x${len.toString(16)}) bytes`,
  );
  offset += len;
  const msgLen = tvb.reportedRemaining(offset);
  if (msgLen > 0) {
    const rest = tvb.view(offset, tvb.length - offset);
    t?.add(hf.remainingMessage, tvb, offset, rest.length, rest).setGenerated();
  }
  return tvb.length;
}
