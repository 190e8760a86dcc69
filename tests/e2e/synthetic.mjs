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
