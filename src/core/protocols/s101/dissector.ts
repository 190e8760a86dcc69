import { dissectData } from '../../dissect/frame';
import type { PacketInfo } from '../../dissect/packet-info';
import { dissectorTable, type TreeParent } from '../../dissect/tables';
import { BoundsError, Tvb, type DataSource } from '../../dissect/tvb';
import { hfS101 as hf, protoS101 } from './fields';

/** Wireshark registers S101 (Lawo Ember+ framing) on TCP port 9000 by default. */
export const S101_TCP_PORT = 9000;

const BOF = 0xfe;
const EOF = 0xff;
const CE = 0xfd;
const XOR = 0x20;
const INV = 0xf8;
const MIN_LENGTH = 5;
const HEADER_DATA_LENGTH = 9;
const CMD_EMBER = 0;
const CMD_KEEPALIVE_RESP = 2;

interface Header {
  start: number;
  command: number;
  flags: number;
  /** Variant 2 only: the frame length, with the number of length bytes in bits 56..59. */
  msgLength: bigint;
}

/** One byte of an escaped header: 0xFD means "the next byte XOR 0x20". */
function getByte(tvb: Tvb, at: { o: number }): number {
  const b = tvb.u8(at.o++);
  return b === CE ? tvb.u8(at.o++) ^ XOR : b;
}

/** Big-endian bits from a bit offset (tvb_get_bits64). */
function bits64(tvb: Tvb, bitOffset: number, nBits: number): bigint {
  let v = 0n;
  for (let i = 0; i < nBits; i++) {
    const bit = bitOffset + i;
    v = (v << 1n) | BigInt((tvb.u8(bit >> 3) >> (7 - (bit & 7))) & 1);
  }
  return v;
}

/**
 * Wireshark's find_s101_packet_header: the frame start byte, slot 0, message type Ember,
 * a known command, version 1, and for Ember commands flags/DTD/app-bytes checks. Reads the same
 * bytes in the same order (so short payloads throw the same way), including the variant 2
 * length read that uses the byte offset as a bit offset and then jumps to it.
 */
function findHeader(tvb: Tvb, start: number): Header | null {
  const at = { o: start };
  const first = tvb.u8(at.o++);
  let msgLength = 0n;
  if (first === INV) {
    const appLen = tvb.u8(at.o++) & 0x7;
    if (appLen > 1) {
      msgLength = bits64(tvb, at.o, appLen * 8) + (BigInt(appLen) << 56n);
      at.o = appLen;
    }
  } else if (first !== BOF) {
    return null;
  }
  const slot = getByte(tvb, at);
  const message = getByte(tvb, at);
  const command = getByte(tvb, at);
  const version = getByte(tvb, at);
  let flags = 0xff;
  let dtd = 0;
  let appBytes = 0;
  if (command === CMD_EMBER) {
    flags = getByte(tvb, at);
    dtd = getByte(tvb, at);
    appBytes = getByte(tvb, at);
  }
  if (
    slot !== 0 ||
    message !== 0x0e ||
    command > CMD_KEEPALIVE_RESP ||
    version !== 1 ||
    (command === CMD_EMBER && (flags & 0xf || dtd !== 1 || appBytes !== 2))
  ) {
    return null;
  }
  if (command === CMD_EMBER) {
    getByte(tvb, at);
    getByte(tvb, at);
  }
  return { start: first, command, flags, msgLength };
}

/**
 * S101 frames (Wireshark's dissect_S101). Rejects payloads whose first frame header is not
 * valid. The Ember+ Glow (ASN.1) payload and multi-packet reassembly are not decoded: the
 * frame payload is shown as data.
 */
export function dissectS101(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  const len = tvb.reportedLength;
  if (len < MIN_LENGTH) return 0;
  const savedProto = pinfo.currentProto;
  const savedLayers = pinfo.layers.length;
  pinfo.currentProto = 'S101';
  pinfo.addLayer('s101');
  let current = 0;
  do {
    const h = findHeader(tvb, current);
    if (!h) break;
    if (current === 0) pinfo.cols?.setProtocol('S101');
    const frameStart = current;
    const t = tree ? tree.add(protoS101, tvb, current, 0, null) : null;
    t?.add(hf.frameFormat, tvb, current, 1, tvb.u8(current));
    current++;
    if (h.msgLength !== 0n) {
      const lengthSize = Number((h.msgLength >> 56n) & 0xfn);
      t?.add(hf.lengthSize, tvb, current, 1, tvb.u8(current));
      current++;
      t?.add(hf.messageLength, tvb, current, lengthSize, tvb.view(current, lengthSize));
      current += lengthSize;
    }
    const header: [typeof hf.slot, number][] = [
      [hf.slot, 1],
      [hf.messageType, 1],
      [hf.commandType, 1],
      [hf.version, 1],
    ];
    if (h.command === CMD_EMBER) {
      header.push(
        [hf.flags, 1],
        [hf.dtdType, 1],
        [hf.appBytesLen, 1],
        [hf.appMinorVersion, 1],
        [hf.appMajorVersion, 1],
      );
    }
    for (const [def] of header) {
      tvb.ensure(current, 1);
      t?.add(def, tvb, current, 1, tvb.u8(current));
      current++;
    }
    let payload: Tvb;
    if (h.msgLength === 0n) {
      const decoded = unescape(tvb, current);
      current = decoded.end;
      payload = decoded.tvb;
      const root = tree ? ('root' in tree ? tree.root : tree) : null;
      root?.addSource(decoded.source);
      tvb.ensure(current - 3, 3);
      t?.add(hf.crc, tvb, current - 3, 2, tvb.u16(current - 3));
      t?.add(hf.eof, tvb, current - 1, 1, tvb.u8(current - 1));
    } else {
      const dataLen = Number(h.msgLength & 0x0fffffffn) - HEADER_DATA_LENGTH;
      // tvb_new_subset_length: -1 means "to the end", anything more negative is out of bounds.
      if (dataLen < -1)
        throw new BoundsError('reported', `S101 frame length ${dataLen + HEADER_DATA_LENGTH}`);
      payload = tvb.sub(current, dataLen);
      current += dataLen;
    }
    if (t) t.len = Math.max(0, current - frameStart);
    if (h.command === CMD_EMBER && payload.length > 0) dissectData(payload, pinfo, t);
    // A frame that does not move forward would be parsed again forever.
    if (current <= frameStart) break;
  } while (current < len);
  pinfo.currentProto = savedProto;
  if (current === 0) pinfo.layers.length = savedLayers;
  return current;
}

/** Variant 1 payload: escaped bytes up to the end-of-frame byte, without the CRC and EOF. */
function unescape(tvb: Tvb, from: number): { tvb: Tvb; source: DataSource; end: number } {
  const len = tvb.length;
  const out = new Uint8Array(Math.max(0, len));
  let o = from;
  let i = 0;
  while (o < len) {
    let b = tvb.u8(o++);
    if (b === CE) {
      b = tvb.u8(o++) ^ XOR;
      out[i++] = b;
      continue;
    }
    out[i] = b;
    if (b === EOF) {
      if (i > 2) i -= 2;
      break;
    }
    i++;
  }
  const source: DataSource = { name: 'Decoded Data', bytes: out.slice(0, i) };
  return { tvb: Tvb.of(source), source, end: o };
}

dissectorTable('tcp.port').add(S101_TCP_PORT, dissectS101);
