import { DESEGMENT_ONE_MORE_SEGMENT, type PacketInfo } from '../../dissect/packet-info';
import { dissectorTable, type TreeParent } from '../../dissect/tables';
import type { ProtoNode } from '../../dissect/tree';
import { Tvb, type DataSource } from '../../dissect/tvb';
import { SEVERITY } from '../../dissect/expert';
import { addExpert } from '../tcp/expert';
import { hfSigcomp as hf, protoSigcomp } from './fields';
import { dissectSigcompMessage } from './message';

/** Wireshark's default SigComp ports (preferences sigcomp.udp.port/tcp.port 1 and 2). */
export const SIGCOMP_PORTS = [5555, 6666];

/** A SigComp message starts with 11111xxx (RFC 3320 §7). */
const isSigcompStart = (octet: number): boolean => (octet & 0xf8) === 0xf8;

interface Saved {
  proto: string;
  layers: number;
}

function enter(pinfo: PacketInfo): Saved {
  const saved = { proto: pinfo.currentProto, layers: pinfo.layers.length };
  pinfo.currentProto = 'SIGCOMP';
  pinfo.addLayer('sigcomp');
  return saved;
}

/**
 * Leaves the dissector normally. Wireshark drops the protocol from frame.protocols when the
 * dissector returns without adding anything to the tree (a rejection, a request for more
 * bytes, a bare delimiter); an exception keeps it, and so does any return after the
 * "Signaling Compression" item was added.
 */
function leave(pinfo: PacketInfo, saved: Saved, addedItems: boolean): void {
  pinfo.currentProto = saved.proto;
  if (!addedItems) pinfo.layers.length = saved.layers;
}

function newSource(pinfo: PacketInfo, tree: TreeParent, name: string, bytes: Uint8Array): Tvb {
  const source: DataSource = { name, bytes };
  const root = tree ? ('root' in tree ? tree.root : tree) : null;
  root?.addSource(source);
  return Tvb.of(source);
}

/**
 * SigComp over a stream (RFC 3320 §4.2.2 record marking), Wireshark's dissect_sigcomp_tcp:
 * an optional leading 0xFFFF delimiter, a first byte 11111xxx, then bytes up to the next
 * 0xFFFF (TCP is asked for one more segment until one arrives). Each message is unescaped
 * (0xFF 00 = 0xFF, 0xFF 01..7F = quote that many bytes, 0xFF 80..FE = stop) and dissected;
 * bytes after the last delimiter are shown as a "TCP Fragment".
 */
export function dissectSigcompTcp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  const saved = enter(pinfo);
  let offset = 0;
  let octet: number;
  if (tvb.u16(0) === 0xffff) {
    offset = 2;
    octet = tvb.u8(offset);
  } else {
    octet = tvb.u8(offset);
  }
  if (!isSigcompStart(octet)) {
    // Returning 2 after a bare delimiter still counts as "mine" for TCP.
    leave(pinfo, saved, false);
    return offset;
  }

  // Look for the end-of-message delimiter; reading goes up to the reported end, so a segment
  // cut by the snaplen without a delimiter in its captured part throws.
  const searchLen = tvb.reportedRemaining(offset);
  if (!hasDelimiter(tvb, offset, searchLen)) {
    if (pinfo.canDesegment > 0) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      leave(pinfo, saved, false);
      // Wireshark returns -1 here; any non-zero value means "mine" to the TCP port lookup.
      return Math.max(1, offset);
    }
  }

  const cols = pinfo.cols;
  cols?.setProtocol('SIGCOMP');
  cols?.clearInfo();
  const length = tvb.reportedLength;
  do {
    const t = tree ? tree.add(protoSigcomp, tvb, 0, tvb.length, null) : null;
    const out = new Uint8Array(Math.max(0, length - offset));
    let n = 0;
    let end = false;
    while (offset < length && !end) {
      octet = tvb.u8(offset);
      if (octet !== 0xff) {
        out[n++] = octet;
        offset++;
        continue;
      }
      if (offset + 1 >= length) {
        // A lone 0xFF at the very end is dropped.
        offset++;
        continue;
      }
      const code = tvb.u8(offset + 1);
      if (code === 0) {
        out[n++] = 0xff;
        offset += 2;
      } else if (code > 0x7f && code < 0xff) {
        // Reserved escape (0xFF80..0xFFFE): decompression failure, the rest is skipped.
        leave(pinfo, saved, true);
        return offset + tvb.remaining(offset);
      } else if (code === 0xff) {
        end = true;
        offset += 2;
      } else {
        // 0xFF followed by N (1..127): the 0xFF itself, then N bytes copied as they are.
        out[n++] = 0xff;
        offset += 2;
        let quoted = code;
        if (offset + quoted >= length) quoted = length - offset;
        for (let k = 0; k < quoted; k++) out[n++] = tvb.u8(offset++);
      }
    }
    const unescaped = newSource(
      pinfo,
      tree,
      'Unescaped Data handed to the SigComp dissector',
      out.slice(0, n),
    );
    t?.add(hf.unescapedData, unescaped, 0, n, unescaped.view(0, n));
    if (end) {
      dissectSigcompMessage(unescaped, pinfo, t);
    } else {
      tcpFragment(pinfo, t, unescaped);
    }
  } while (offset < length);
  leave(pinfo, saved, true);
  return offset;
}

/** Wireshark's scan for 0xFFFF: every pair of the remaining bytes, reading each one. */
function hasDelimiter(tvb: Tvb, offset: number, len: number): boolean {
  const captured = tvb.remaining(offset);
  const b = tvb.bytes;
  const base = tvb.start + offset;
  const last = Math.min(len, captured) - 1;
  for (let i = 0; i < last; i++) if (b[base + i] === 0xff && b[base + i + 1] === 0xff) return true;
  // The loop reads pairs up to the reported end: past the captured bytes it throws.
  if (len > captured && len > 1) tvb.u16(offset + captured - 1);
  return false;
}

function tcpFragment(pinfo: PacketInfo, t: ProtoNode | null, unescaped: Tvb): void {
  const item = t ? t.addText(unescaped, 0, unescaped.length, 'TCP Fragment') : null;
  addExpert(pinfo, item, hf.tcpFragment, SEVERITY.ERROR, 'Malformed', 'TCP Fragment', 'SIGCOMP');
}

/** SigComp over a datagram (Wireshark's dissect_sigcomp): one message, no record marking. */
export function dissectSigcompUdp(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  const saved = enter(pinfo);
  if (!isSigcompStart(tvb.u8(0))) {
    leave(pinfo, saved, false);
    return 0;
  }
  pinfo.cols?.setProtocol('SIGCOMP');
  pinfo.cols?.clearInfo();
  const t = tree ? tree.add(protoSigcomp, tvb, 0, tvb.length, null) : null;
  const n = dissectSigcompMessage(tvb, pinfo, t);
  leave(pinfo, saved, true);
  return n;
}

for (const port of SIGCOMP_PORTS) {
  dissectorTable('tcp.port').add(port, dissectSigcompTcp);
  dissectorTable('udp.port').add(port, dissectSigcompUdp);
}
