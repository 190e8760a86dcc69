/**
 * Seeded mutation fuzzing of the capture readers: truncations, flipped bytes, absurd lengths
 * (up to records claiming 2^31 bytes), insertions and deletions. The readers must never throw,
 * never deliver data outside the input, and give the same answer whatever the chunking.
 * Iterations: env FUZZ_ITERATIONS (default 300; `npm run fuzz` uses 20000).
 */
import { gzipSync } from 'fflate';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureParser } from '../../../src/core/capture/index';
import type { CaptureEnd } from '../../../src/core/capture/types';
import { CAPTURES, Bytes, concat, ng, payload, pcapFile, rng } from './helpers';

const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20240601);

function seeds(): { name: string; bytes: Uint8Array; compressed: boolean }[] {
  const recs = Array.from({ length: 6 }, (_, i) => ({
    sec: 100 + i,
    frac: i * 1000,
    data: payload(i, 20 + i * 13),
  }));
  const le = true;
  const ngFile = concat(
    ng.shb(le, concat(ng.option(le, 1, ng.text('c')), ng.endOfOptions(le))),
    ng.idb(le, 1, 0, concat(ng.option(le, 9, Uint8Array.of(9)), ng.endOfOptions(le))),
    ng.idb(le, 113, 64),
    ng.epb(
      le,
      0,
      5n,
      payload(1, 33),
      33,
      concat(ng.option(le, 2, new Bytes(le).u32(1).bytes()), ng.endOfOptions(le)),
    ),
    ng.block(le, 0xbad, new Bytes(le).u32(7).u32(1).bytes()),
    ng.spb(le, 90, payload(2, 64)),
    ng.epb(le, 1, 6n, payload(3, 17)),
    ng.shb(false),
    ng.idb(false, 101, 0),
    ng.pb(false, 0, 7n, payload(4, 9)),
  );
  const out = [
    { name: 'pcap-le', bytes: pcapFile({ records: recs }), compressed: false },
    {
      name: 'pcap-be-ns',
      bytes: pcapFile({ le: false, magic: 0xa1b23c4d, records: recs }),
      compressed: false,
    },
    { name: 'pcap-modified', bytes: pcapFile({ magic: 0xa1b2cd34, records: recs }), compressed: false },
    { name: 'pcapng', bytes: ngFile, compressed: false },
    { name: 'pcap.gz', bytes: gzipSync(pcapFile({ records: recs })), compressed: true },
  ];
  for (const f of ['dns.pcap', 'mixed.pcapng']) {
    const p = join(CAPTURES, f);
    if (existsSync(p))
      out.push({ name: f, bytes: new Uint8Array(readFileSync(p)).subarray(0, 6000), compressed: false });
  }
  return out;
}

const ABSURD = [0x80000000, 0xffffffff, 0x7fffffff, 0, 1, 3, 262145, 0x10000, 0x0a0d0d0a];

function mutate(src: Uint8Array, random: () => number): Uint8Array {
  let b: Uint8Array = src.slice();
  const ops = 1 + Math.floor(random() * 3);
  for (let k = 0; k < ops && b.length > 0; k++) {
    const at = Math.floor(random() * b.length);
    switch (Math.floor(random() * 6)) {
      case 0: // truncate
        b = b.slice(0, at);
        break;
      case 1: // flip a few bytes
        for (let i = 0; i < 1 + random() * 8; i++)
          b[Math.floor(random() * b.length)] ^= 1 << Math.floor(random() * 8);
        break;
      case 2: {
        // an absurd 32-bit length in either byte order, at a 4-aligned spot
        const pos = at & ~3;
        if (pos + 4 <= b.length)
          new DataView(b.buffer).setUint32(pos, ABSURD[Math.floor(random() * ABSURD.length)], random() < 0.5);
        break;
      }
      case 3: // insert junk
        b = concat(
          b.subarray(0, at),
          Uint8Array.from({ length: 1 + random() * 16 }, () => random() * 256),
          b.subarray(at),
        );
        break;
      case 4: // delete a range
        b = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + Math.floor(random() * 32))));
        break;
      default: // duplicate a range
        b = concat(b.subarray(0, at), b.subarray(at, Math.min(b.length, at + 64)), b.subarray(at));
    }
  }
  return b;
}

interface Outcome {
  end: CaptureEnd;
  summary: string[];
  problems: string[];
}

function run(bytes: Uint8Array, compressed: boolean, chunk: () => number): Outcome {
  const summary: string[] = [];
  const problems: string[] = [];
  const parser = createCaptureParser((rec, buf, start) => {
    if (!(start >= 0 && start + rec.caplen <= buf.length))
      problems.push(`record ${rec.index} data outside the chunk`);
    if (!compressed && !(rec.dataOffset >= 0 && rec.dataOffset + rec.caplen <= bytes.length))
      problems.push(`record ${rec.index} offset outside the input`);
    if (!Number.isInteger(rec.caplen) || rec.caplen < 0)
      problems.push(`record ${rec.index} caplen ${rec.caplen}`);
    if (!(rec.tsNsec >= 0 && rec.tsNsec < 1e9)) problems.push(`record ${rec.index} nsec ${rec.tsNsec}`);
    let sum = 0;
    for (let i = start; i < start + rec.caplen && i < buf.length; i++) sum = (sum * 31 + buf[i]) | 0;
    if (!compressed) {
      for (let i = 0; i < rec.caplen; i += 97)
        if (buf[start + i] !== bytes[rec.dataOffset + i])
          problems.push(`record ${rec.index} data differs from the input`);
    }
    summary.push(
      `${rec.index} ${rec.dataOffset} ${rec.caplen} ${rec.origlen} ${rec.tsSec}.${rec.tsNsec} ${rec.interfaceId} ${rec.linktype} ${sum}`,
    );
  });
  for (let off = 0; off < bytes.length;) {
    const n = Math.max(1, Math.floor(chunk()));
    parser.push(bytes.subarray(off, Math.min(bytes.length, off + n)));
    off += n;
  }
  const end = parser.finish();
  if (end.records !== summary.length)
    problems.push(`finish says ${end.records} records, ${summary.length} delivered`);
  return { end, summary, problems };
}

describe('capture reader fuzzing', () => {
  it(`survives ${ITERATIONS} seeded mutations`, () => {
    const random = rng(SEED);
    const inputs = seeds();
    const failures: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const seed = inputs[i % inputs.length];
      const bytes = mutate(seed.bytes, random);
      let a: Outcome;
      let b: Outcome;
      try {
        a = run(bytes, seed.compressed, () => bytes.length + 1);
        const chunkRandom = rng(i);
        b = run(bytes, seed.compressed, () => 1 + chunkRandom() * 200);
      } catch (err) {
        failures.push(`#${i} ${seed.name}: threw ${err instanceof Error ? err.stack : String(err)}`);
        continue;
      }
      for (const p of [...a.problems, ...b.problems]) failures.push(`#${i} ${seed.name}: ${p}`);
      if (a.summary.join('\n') !== b.summary.join('\n') || JSON.stringify(a.end) !== JSON.stringify(b.end)) {
        failures.push(
          `#${i} ${seed.name}: result depends on chunking (${JSON.stringify(a.end)} vs ${JSON.stringify(b.end)})`,
        );
      }
      if (failures.length > 20) break;
    }
    expect(failures).toEqual([]);
  });
});
