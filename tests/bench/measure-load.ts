/**
 * Child-process measurement: reads + dissects (first pass, L2–L4 and analysis, no trees) + indexes
 * one capture file and prints a JSON line {ms, packets, bytes, rssMb, indexBytesPerPacket}.
 * Run in a fresh process per measurement so peak RSS belongs to this load alone.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CaptureSession } from '../../src/core/session';
import { FrameIndex } from '../../src/core/index/frame-index';

const path = process.argv[2];
const fd = openSync(path, 'r');
const size = fstatSync(fd).size;
const chunk = new Uint8Array(1 << 22);
const t0 = performance.now();
const session = new CaptureSession({ firstPass: { tree: false, columns: false } });
let pos = 0;
while (true) {
  const n = readSync(fd, chunk, 0, chunk.length, pos);
  if (n <= 0) break;
  pos += n;
  session.push(chunk.subarray(0, n));
}
session.finish();
const ms = performance.now() - t0;
closeSync(fd);
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    ms,
    packets: session.frameCount,
    bytes: size,
    rssMb,
    indexBytesPerPacket: FrameIndex.BYTES_PER_FRAME,
  }),
);
