/**
 * Every BPF expression of the tshark/tcpdump oracle (shared/captures/oracle/NAME/bpf.json):
 * the same frames must match as with `tcpdump -r NAME 'EXPR'`, and rejected expressions must be
 * rejected with tcpdump's message.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBpf } from '../../../../src/core/filter/bpf/index';
import type { BpfProgram } from '../../../../src/core/filter/bpf/index';
import { CAPTURES, loadFrames } from './frames';

const CAPTURES_DIR = CAPTURES;
const ORACLE = join(CAPTURES_DIR, 'oracle');

type Expected = number[] | { error: string };

function captureFile(name: string): string {
  for (const ext of ['.pcap', '.pcapng']) {
    const p = join(CAPTURES_DIR, name + ext);
    if (existsSync(p)) return p;
  }
  throw new Error(`no capture for oracle ${name}`);
}

const names = existsSync(ORACLE)
  ? readdirSync(ORACLE).filter((n) => existsSync(join(ORACLE, n, 'bpf.json')))
  : [];

describe.skipIf(names.length === 0)('BPF oracle (tcpdump 4.99 / libpcap 1.10)', () => {
  for (const name of names) {
    it(name, () => {
      const expected = JSON.parse(readFileSync(join(ORACLE, name, 'bpf.json'), 'utf8')) as Record<
        string,
        Expected
      >;
      const frames = loadFrames(captureFile(name));
      expect(frames.length).toBeGreaterThan(0);
      for (const [expr, want] of Object.entries(expected)) {
        const programs = new Map<number, BpfProgram>();
        let error: string | null = null;
        for (const lt of new Set(frames.map((f) => f.linktype))) {
          const r = compileBpf(expr, lt);
          if (r.ok) programs.set(lt, r.value);
          else error = `tcpdump: ${r.error.message}`;
        }
        if (!Array.isArray(want)) {
          expect({ expr, error }).toEqual({ expr, error: want.error });
          continue;
        }
        expect({ expr, error }).toEqual({ expr, error: null });
        const got = frames
          .filter((f) => (programs.get(f.linktype) as BpfProgram).matches(f.data, 0, f.caplen, f.origlen))
          .map((f) => f.number);
        expect({ expr, frames: got }).toEqual({ expr, frames: want });
      }
    });
  }
});
