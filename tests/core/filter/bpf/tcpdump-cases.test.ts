/**
 * Extra expressions checked against tcpdump (fixtures/tcpdump-cases.json, made by
 * make-fixtures.sh): the unoptimized program must be instruction-for-instruction what
 * `tcpdump -r FILE -O -d` prints, the matching frames what `tcpdump -r FILE -w` writes, and
 * rejected expressions must fail with tcpdump's message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBpf } from '../../../../src/core/filter/bpf/index';
import { CAPTURES, loadFrames } from './frames';
import type { Frame } from './frames';

interface Case {
  file: string;
  expr: string;
  snaplen?: number;
  frames?: number[];
  dump?: string;
  error?: string;
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/tcpdump-cases.json', import.meta.url), 'utf8'),
) as {
  cases: Case[];
};

const cache = new Map<string, Frame[]>();
function frames(file: string): Frame[] {
  let f = cache.get(file);
  if (!f) {
    f = loadFrames(join(CAPTURES, file));
    cache.set(file, f);
  }
  return f;
}

describe.skipIf(!existsSync(CAPTURES))('BPF against tcpdump on corpus files', () => {
  it('covers enough expressions', () => {
    expect(fixture.cases.filter((c) => c.frames).length).toBeGreaterThanOrEqual(40);
    expect(fixture.cases.filter((c) => c.error).length).toBeGreaterThanOrEqual(20);
  });

  for (const c of fixture.cases) {
    it(`${c.file}: ${c.expr}`, () => {
      const all = frames(c.file);
      expect(all.length).toBeGreaterThan(0);
      const linktype = all[0].linktype;
      const r = compileBpf(c.expr, linktype, c.snaplen);
      if (c.error !== undefined) {
        expect(r.ok ? 'accepted' : `tcpdump: ${r.error.message}`).toBe(c.error);
        return;
      }
      if (!r.ok) throw new Error(`rejected: ${r.error.message}`);
      expect(r.value.dump()).toBe(c.dump);
      const got = all.filter((f) => r.value.matches(f.data, 0, f.caplen, f.origlen)).map((f) => f.number);
      expect(got).toEqual(c.frames);
    });
  }
});
