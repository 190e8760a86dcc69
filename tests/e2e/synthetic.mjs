/** A synthetic Ethernet/IPv4/UDP pcap of `count` 60-byte frames, for the load test. */
import { writeFileSync } from 'node:fs';

export function writeSyntheticPcap(path, count) {
  const frame = 60;
  const buf = Buffer.alloc(24 + count * (16 + frame));
  buf.writeUInt32LE(0xa1b2c3d4, 0);
  buf.writeUInt16LE(2, 4);
  buf.writeUInt16LE(4, 6);
  buf.writeUInt32LE(262144, 16);
  buf.writeUInt32LE(1, 20);
  let o = 24;
  for (let i = 0; i < count; i++) {
    const sec = 1_700_000_000 + Math.floor(i / 10000);
    buf.writeUInt32LE(sec, o);
    buf.writeUInt32LE((i % 10000) * 100, o + 4);
    buf.writeUInt32LE(frame, o + 8);
    buf.writeUInt32LE(frame, o + 12);
    const p = o + 16;
    // Ethernet
    buf.set([2, 0, 0, 0, 0, 0x10, 2, 0, 0, 0, 1, 0, 0x08, 0x00], p);
    // IPv4: 20-byte header, UDP, total length 46
    const ip = p + 14;
    buf.set(
      [
        0x45,
        0,
        0,
        46,
        (i >> 8) & 255,
        i & 255,
        0x40,
        0,
        64,
        17,
        0,
        0,
        10,
        0,
        (i >> 8) & 255,
        i & 255,
        10,
        0,
        0,
        1,
      ],
      ip,
    );
    // UDP: ports vary, length 26
    const udp = ip + 20;
    buf.writeUInt16BE(1024 + (i % 50000), udp);
    buf.writeUInt16BE(9, udp + 2);
    buf.writeUInt16BE(26, udp + 4);
    o += 16 + frame;
  }
  writeFileSync(path, buf);
}

/**
 * A pcap of one UDP stream: `count` frames of `size` payload bytes from 10.0.0.1:5000 to
 * 10.0.0.2:6000, payload byte j of frame i = (i + j) & 255, for the Follow view's paging.
 */
export function writeUdpStreamPcap(path, count, size) {
  const frame = 14 + 20 + 8 + size;
  const buf = Buffer.alloc(24 + count * (16 + frame));
  buf.writeUInt32LE(0xa1b2c3d4, 0);
  buf.writeUInt16LE(2, 4);
  buf.writeUInt16LE(4, 6);
  buf.writeUInt32LE(262144, 16);
  buf.writeUInt32LE(1, 20);
  let o = 24;
  for (let i = 0; i < count; i++) {
    buf.writeUInt32LE(1_700_000_000, o);
    buf.writeUInt32LE(i, o + 4);
    buf.writeUInt32LE(frame, o + 8);
    buf.writeUInt32LE(frame, o + 12);
    const p = o + 16;
    buf.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00], p);
    const ip = p + 14;
    const total = 20 + 8 + size;
    buf.set(
      [0x45, 0, total >> 8, total & 255, i >> 8, i & 255, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2],
      ip,
    );
    const udp = ip + 20;
    buf.writeUInt16BE(5000, udp);
    buf.writeUInt16BE(6000, udp + 2);
    buf.writeUInt16BE(8 + size, udp + 4);
    for (let j = 0; j < size; j++) buf[udp + 8 + j] = (i + j) & 255;
    o += 16 + frame;
  }
  writeFileSync(path, buf);
}
