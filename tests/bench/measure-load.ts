/**
 * Child-process measurement: reads + dissects (first pass, no trees) + indexes one capture file
 * and prints a JSON line {mode, ms, cpuMs, nsPerFrame, packets, bytes, rssMb, indexBytesPerPacket}.
 *
 *   npx tsx tests/bench/measure-load.ts FILE [MODE]
 *
 * MODE says how much of the first pass runs, so each stage's cost can be told apart (issues #2, #5):
 * - `read`: the capture reader and the frame index only (no dissection);
 * - `transport`: read + link, network and transport layers (payloads go to "data") + index, with
 *   TCP sequence analysis off (tshark's tcp.analyze_sequence_numbers=FALSE);
 * - `analysis`: `transport` + TCP sequence analysis;
 * - `all` (default): every dissector, as a normal load.
 * Run in a fresh process per measurement so peak RSS belongs to this load alone. CPU time
 * (process.cpuUsage) is reported next to wall time because the benchmark machine may be shared;
 * nsPerFrame is CPU time per frame.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createCaptureParser, type RawRecord } from '../../src/core/capture/index';
import type { ByteSource } from '../../src/core/capture/types';
import { FrameIndex } from '../../src/core/index/frame-index';
import { CaptureSession } from '../../src/core/session';

type Mode = 'read' | 'transport' | 'analysis' | 'all';
const MODES: readonly Mode[] = ['read', 'transport', 'analysis', 'all'];

const path = process.argv[2];
const mode = (process.argv[3] ?? 'all') as Mode;
if (!path || !MODES.includes(mode)) {
  process.stderr.write(`usage: measure-load.ts FILE [${MODES.join('|')}]\n`);
  process.exit(2);
}

/** What is fed the file's chunks: the reader alone, or a whole session. */
interface Loader {
  push(chunk: Uint8Array): void;
  finish(): void;
  readonly frames: number;
  readonly indexBytes: number;
}

/** The capture reader and the frame index, without dissection. */
function readOnlyLoader(): Loader {
  const index = new FrameIndex();
  const parser = createCaptureParser((rec: RawRecord) => {
    index.append(rec.dataOffset, rec.caplen, rec.origlen, rec.tsSec, rec.tsNsec, rec.interfaceId);
  });
  return {
    push: (chunk) => parser.push(chunk),
    finish: () => void parser.finish(),
    get frames() {
      return index.count;
    },
    get indexBytes() {
      return index.count * FrameIndex.BYTES_PER_FRAME;
    },
  };
}

function sessionLoader(m: Exclude<Mode, 'read'>, source: ByteSource): Loader {
  const session = new CaptureSession({
    // As the app loads (the worker has the File to re-read): with a byte source the session
    // also records the field columns and frame marks that filters and statistics use.
    source,
    firstPass: {
      tree: false,
      columns: false,
      layers: m === 'all' ? 'all' : 'transport',
      tcpAnalysis: m !== 'transport',
    },
  });
  return {
    push: (chunk) => session.push(chunk),
    finish: () => void session.finish(),
    get frames() {
      return session.frameCount;
    },
    get indexBytes() {
      return session.indexBytes();
    },
  };
}

const fd = openSync(path, 'r');
const size = fstatSync(fd).size;
const chunk = new Uint8Array(1 << 22);
const c0 = process.cpuUsage();
const t0 = performance.now();
const source: ByteSource = {
  size,
  read: (offset, length) => {
    const b = new Uint8Array(length);
    readSync(fd, b, 0, length, offset);
    return b;
  },
};
const loader = mode === 'read' ? readOnlyLoader() : sessionLoader(mode, source);
let pos = 0;
while (true) {
  const n = readSync(fd, chunk, 0, chunk.length, pos);
  if (n <= 0) break;
  pos += n;
  loader.push(chunk.subarray(0, n));
}
loader.finish();
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
closeSync(fd);
const cpuMs = (cpu.user + cpu.system) / 1000;
const rssMb = process.resourceUsage().maxRSS / 1024;
const packets = loader.frames;
console.log(
  JSON.stringify({
    mode,
    ms,
    cpuMs,
    nsPerFrame: Math.round((cpuMs * 1e6) / Math.max(1, packets)),
    packets,
    bytes: size,
    rssMb,
    indexBytesPerPacket: loader.indexBytes / Math.max(1, packets),
  }),
);
