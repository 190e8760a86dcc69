/**
 * Child-process measurement: reads + dissects (first pass, L2–L4 and analysis, no trees) + indexes
 * one capture file and prints a JSON line {ms, cpuMs, packets, bytes, rssMb, indexBytesPerPacket}.
 * Run in a fresh process per measurement so peak RSS belongs to this load alone. CPU time
 * (process.cpuUsage) is reported next to wall time because the benchmark machine may be shared.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CaptureSession } from '../../src/core/session';

const path = process.argv[2];
const fd = openSync(path, 'r');
const size = fstatSync(fd).size;
const chunk = new Uint8Array(1 << 22);
const c0 = process.cpuUsage();
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
const cpu = process.cpuUsage(c0);
closeSync(fd);
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    packets: session.frameCount,
    bytes: size,
    rssMb,
    indexBytesPerPacket: session.indexBytes() / Math.max(1, session.frameCount),
  }),
);
