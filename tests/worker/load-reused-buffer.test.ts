import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryByteSource } from '../../src/core/capture/index';
import { compileDisplayFilter } from '../../src/core/filter/index';
import type { CaptureSession } from '../../src/core/session';
import { Colorizer } from '../../src/worker/coloring';
import { runDisplayFilter } from '../../src/worker/display-filter';
import { chunkReader } from '../../src/worker/chunk-reader';
import { loadCapture } from '../../src/worker/loader';
import { DisplaySet, buildRows } from '../../src/worker/rows';
import { CancelToken } from '../../src/worker/scheduling';
import { writeSyntheticCapture } from '../bench/synth-capture';
import { writeWebCapture } from '../bench/synth-web';
import { CAPTURES } from './helpers';

/**
 * A file's bytes are read into one buffer that every read overwrites (File.stream() is a byte
 * stream); the old path handed the session a fresh array per chunk. The session must answer the
 * same either way, i.e. keep nothing of a chunk once it has been parsed.
 */

/** A byte stream answering each read with at most `step` bytes: every read overwrites the last. */
function byteStream(bytes: Uint8Array, step: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    type: 'bytes',
    pull(c) {
      const req = c.byobRequest;
      if (at >= bytes.length) {
        c.close();
        req?.respond(0);
        return;
      }
      if (!req?.view) throw new Error('expected a BYOB read');
      const view = new Uint8Array(req.view.buffer, req.view.byteOffset, req.view.byteLength);
      const n = Math.min(step, view.length, bytes.length - at);
      view.set(bytes.subarray(at, at + n));
      at += n;
      req.respond(n);
    },
  });
}

/** A plain stream of fresh chunks (what the loader read before, and still reads for URLs). */
function chunkStream(bytes: Uint8Array, step: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + step));
      at += step;
    },
  });
}

const FILTERS = ['tcp.analysis.flags', 'tcp.reassembled_in', 'http', 'tls', 'dns', '_ws.expert'];

interface Answer {
  packets: number;
  error?: string;
  warning?: string;
  rows: string[];
  filters: Record<string, number[]>;
}

async function answer(bytes: Uint8Array, stream: ReadableStream<Uint8Array>): Promise<Answer> {
  let session: CaptureSession | null = null;
  const outcome = await loadCapture(
    { gen: 1, name: 'x', stream, totalBytes: bytes.length, reread: () => memoryByteSource(bytes) },
    { token: new CancelToken(), onProgress: () => undefined, onActivate: (c) => (session = c.session) },
  );
  const s = session as CaptureSession | null;
  const out: Answer = {
    packets: outcome.packets,
    error: outcome.error,
    warning: outcome.warning,
    rows: [],
    filters: {},
  };
  if (!s) return out;
  const nums = Uint32Array.from({ length: s.frameCount }, (_, i) => i + 1);
  out.rows = buildRows(s, nums, 'relative', new DisplaySet(null), new Colorizer()).map((r) =>
    [r.num, r.time, r.source, r.destination, r.protocol, r.length, r.info, r.color].join('\t'),
  );
  for (const f of FILTERS) {
    const compiled = compileDisplayFilter(f);
    if (!compiled.ok) throw new Error(compiled.error.message);
    const frames = await runDisplayFilter(s, compiled.value, new CancelToken());
    out.filters[f] = Array.from(frames ?? []);
  }
  return out;
}

async function expectSame(bytes: Uint8Array): Promise<Answer> {
  const reused = await answer(bytes, byteStream(bytes, 997));
  const fresh = await answer(bytes, chunkStream(bytes, 64 * 1024));
  expect(reused).toEqual(fresh);
  return reused;
}

const dir = mkdtempSync(join(tmpdir(), 'wirelight-reuse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function captureFiles(): string[] {
  const top = readdirSync(CAPTURES).filter((f) => /\.(pcap|pcapng)$/.test(f));
  const tcpdump = readdirSync(join(CAPTURES, 'tcpdump-tests'))
    .filter((f) => /\.(pcap|pcapng)$/.test(f))
    .map((f) => join('tcpdump-tests', f));
  return [...top, ...tcpdump];
}

describe('loading a file into one reused read buffer', () => {
  it('reads a byte stream into the same memory again and again, other streams as they come', async () => {
    const bytes = Uint8Array.from({ length: 3000 }, (_, i) => i & 0xff);
    const r = chunkReader(byteStream(bytes, 997), true);
    expect(r.reuses).toBe(true);
    const first = await r.read();
    expect(first?.length).toBe(997);
    expect(first?.[1]).toBe(1);
    const second = await r.read();
    expect(second?.byteOffset).toBe(0);
    expect(second?.[1]).toBe(998 & 0xff);
    expect(first?.length).toBe(0); // handed back to the stream: the first chunk is gone
    expect(chunkReader(chunkStream(bytes, 997), true).reuses).toBe(false);
    expect(chunkReader(byteStream(bytes, 997), false).reuses).toBe(false);
  });

  it('gives the answers of fresh chunks on every capture of the corpus', async () => {
    const files = captureFiles();
    expect(files.length).toBeGreaterThan(100);
    let frames = 0;
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(join(CAPTURES, f)));
      const a = await expectSame(bytes).catch((e: unknown) => {
        throw new Error(`${f}: ${e instanceof Error ? e.message : String(e)}`);
      });
      frames += a.packets;
    }
    expect(frames).toBeGreaterThan(10_000);
  }, 600_000);

  it('gives the answers of fresh chunks on synthetic web traffic with loss (reassembly, HTTP, TLS)', async () => {
    for (const format of ['pcap', 'pcapng'] as const) {
      const path = join(dir, `web.${format}`);
      writeWebCapture(path, { connections: 40, seed: 7, format, loss: 0.03 });
      const a = await expectSame(new Uint8Array(readFileSync(path)));
      expect(a.packets).toBeGreaterThan(1000);
      expect(a.filters['tcp.reassembled_in'].length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('gives the answers of fresh chunks on synthetic bulk TCP, full payload and cut by snaplen', async () => {
    for (const snaplen of [65535, 96]) {
      const path = join(dir, `bulk-${snaplen}.pcapng`);
      writeSyntheticCapture(path, {
        packets: 5000,
        snaplen,
        seed: 3,
        format: 'pcapng',
        loss: 0.02,
        mss: 1460,
      });
      const a = await expectSame(new Uint8Array(readFileSync(path)));
      expect(a.packets).toBeGreaterThanOrEqual(5000);
      expect(a.filters['tcp.analysis.flags'].length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('gives the answers of fresh chunks on a gzip capture (fflate is handed copies)', async () => {
    const bytes = new Uint8Array(readFileSync(join(CAPTURES, 'http-basic.pcap')));
    const gz = gzipSync(bytes);
    const reused = await answer(bytes, byteStream(gz, 13));
    const fresh = await answer(bytes, chunkStream(gz, 4096));
    expect(reused.packets).toBeGreaterThan(0);
    expect(reused).toEqual(fresh);
  });
});
