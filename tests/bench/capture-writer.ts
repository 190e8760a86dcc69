/**
 * Writes generated packets as a classic pcap (µs timestamps, Ethernet) or a pcapng file (one
 * Ethernet interface, Enhanced Packet Blocks), streaming through a 4 MB buffer.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** Receives one packet: `frame[0..caplen)` is captured, `origlen` is its length on the wire. */
export type Emit = (frame: Uint8Array, caplen: number, origlen: number, tsUs: number) => void;

export type CaptureFormat = 'pcap' | 'pcapng';

/** Runs `produce` and writes what it emits to `path`; returns the file size and packet count. */
export function writeCapture(
  path: string,
  format: CaptureFormat,
  snaplen: number,
  produce: (emit: Emit) => void,
): { bytes: number; packets: number } {
  const fd = openSync(path, 'w');
  const chunk = new Uint8Array(1 << 22);
  const dv = new DataView(chunk.buffer);
  let pos = 0;
  let bytes = 0;
  let packets = 0;
  const flush = (): void => {
    writeSync(fd, chunk, 0, pos);
    bytes += pos;
    pos = 0;
  };
  if (format === 'pcap') {
    dv.setUint32(0, 0xa1b2c3d4, true);
    dv.setUint16(4, 2, true);
    dv.setUint16(6, 4, true);
    dv.setUint32(16, snaplen, true);
    dv.setUint32(20, 1, true);
    pos = 24;
  } else {
    // Section Header Block, then one Interface Description Block (Ethernet, µs resolution).
    dv.setUint32(0, 0x0a0d0d0a, true);
    dv.setUint32(4, 28, true);
    dv.setUint32(8, 0x1a2b3c4d, true);
    dv.setUint16(12, 1, true);
    dv.setUint16(14, 0, true);
    dv.setInt32(16, -1, true);
    dv.setInt32(20, -1, true);
    dv.setUint32(24, 28, true);
    dv.setUint32(28, 1, true);
    dv.setUint32(32, 20, true);
    dv.setUint16(36, 1, true);
    dv.setUint16(38, 0, true);
    dv.setUint32(40, snaplen, true);
    dv.setUint32(44, 20, true);
    pos = 48;
  }
  produce((frame, cap, orig, tsUs) => {
    const need = format === 'pcap' ? 16 + cap : 32 + ((cap + 3) & ~3);
    if (pos + need > chunk.length) flush();
    if (format === 'pcap') {
      dv.setUint32(pos, Math.floor(tsUs / 1e6), true);
      dv.setUint32(pos + 4, tsUs % 1e6, true);
      dv.setUint32(pos + 8, cap, true);
      dv.setUint32(pos + 12, orig, true);
      chunk.set(frame.subarray(0, cap), pos + 16);
    } else {
      dv.setUint32(pos, 6, true);
      dv.setUint32(pos + 4, need, true);
      dv.setUint32(pos + 8, 0, true);
      dv.setUint32(pos + 12, Math.floor(tsUs / 2 ** 32), true);
      dv.setUint32(pos + 16, tsUs % 2 ** 32, true);
      dv.setUint32(pos + 20, cap, true);
      dv.setUint32(pos + 24, orig, true);
      chunk.set(frame.subarray(0, cap), pos + 28);
      chunk.fill(0, pos + 28 + cap, pos + need - 4);
      dv.setUint32(pos + need - 4, need, true);
    }
    pos += need;
    packets++;
  });
  flush();
  closeSync(fd);
  return { bytes, packets };
}
