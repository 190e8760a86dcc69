import { dissectData } from '../../dissect/frame';
import type { PacketInfo } from '../../dissect/packet-info';
import type { TreeParent } from '../../dissect/tables';
import { tcpHeuristicChain } from '../tcp-heuristics/chain';
import type { Tvb } from '../../dissect/tvb';
import { reportedRemaining } from '../jxta/framing';
import {
  BLOCK_TYPES,
  hfH1 as hf,
  MEMORY_TYPES,
  OPCODE_BLOCK,
  OPCODES,
  protoH1,
  REQUEST_BLOCK,
  RESPONSE_BLOCK,
  RETURN_CODES,
} from './fields';

const hex2 = (v: number): string => v.toString(16).padStart(2, '0');

/**
 * Sinec H1 over TCP (Wireshark's dissect_h1 heuristic, enabled by default): "S5", a length,
 * then typed blocks up to that length. The columns are set as soon as "S5" is seen; an unknown
 * block type then rejects the packet, which keeps "H1"/"S5: ..." in the columns while the
 * payload goes on to other dissectors (tshark shows random data starting with "S5" that way).
 * Every item is bounds-checked before its text reaches the Info column, as in Wireshark.
 */
export function heuristicH1(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): boolean {
  if (tvb.length < 2) return false;
  if (tvb.u8(0) !== 0x53 || tvb.u8(1) !== 0x35) return false;
  const savedProto = pinfo.currentProto;
  const savedLayers = pinfo.layers.length;
  pinfo.currentProto = 'H1';
  pinfo.addLayer('h1');
  const cols = pinfo.cols;
  cols?.setProtocol('H1');
  cols?.setInfo('S5: ');
  const t = tree ? tree.add(protoH1, tvb, 0, tvb.length, null) : null;
  t?.add(hf.header, tvb, 0, 2, tvb.u16(0));
  const h1Len = tvb.u8(2);
  t?.add(hf.len, tvb, 2, 1, h1Len);
  if (t) t.len = Math.min(h1Len, tvb.length);
  let offset = 3;
  while (offset < h1Len) {
    const start = offset;
    const type = tvb.u8(offset);
    const blockLen = tvb.u8(offset + 1);
    const typeName = BLOCK_TYPES.get(type);
    if (typeName === undefined) {
      pinfo.currentProto = savedProto;
      pinfo.layers.length = savedLayers;
      return false;
    }
    if (blockLen === 0) break;
    const b = t ? t.addText(tvb, offset, Math.min(blockLen, tvb.length - offset), typeName) : null;
    b?.add(hf.blockType, tvb, offset, 1, type);
    offset++;
    b?.add(hf.blockLen, tvb, offset, 1, blockLen);
    offset++;
    switch (type) {
      case OPCODE_BLOCK: {
        const op = tvb.u8(offset);
        b?.add(hf.opcode, tvb, offset, 1, op);
        cols?.appendInfo(OPCODES.get(op) ?? `Unknown Opcode (0x${hex2(op)})`);
        break;
      }
      case REQUEST_BLOCK: {
        const org = tvb.u8(offset);
        b?.add(hf.org, tvb, offset, 1, org);
        cols?.appendInfo(` ${MEMORY_TYPES.get(org) ?? `Unknown Type (0x${hex2(org)})`}`);
        offset++;
        const dbnr = tvb.u8(offset);
        b?.add(hf.dbnr, tvb, offset, 1, dbnr);
        cols?.appendInfo(` ${dbnr}`);
        offset++;
        const dwnr = tvb.u16(offset);
        b?.add(hf.dwnr, tvb, offset, 2, dwnr);
        cols?.appendInfo(` DW ${dwnr}`);
        offset += 2;
        const dlen = tvb.u16(offset);
        b?.add(hf.dlen, tvb, offset, 2, (dlen << 16) >> 16);
        // The Info column prints the word count unsigned.
        cols?.appendInfo(` Count ${dlen}`);
        break;
      }
      case RESPONSE_BLOCK: {
        const rc = tvb.u8(offset);
        b?.add(hf.responseValue, tvb, offset, 1, rc);
        // Wireshark's format string for unknown codes lacks the closing parenthesis.
        cols?.appendInfo(` ${RETURN_CODES.get(rc) ?? `Unknown Returncode (0x${hex2(rc)}`}`);
        break;
      }
      default:
        break;
    }
    offset = start + blockLen;
  }
  if (reportedRemaining(tvb, offset) > 0) dissectData(tvb.sub(offset), pinfo, tree);
  pinfo.currentProto = savedProto;
  return true;
}

tcpHeuristicChain.add('h1', heuristicH1);
