/**
 * session.bpfFrames (block reads over the byte source, one program per interface) selects the
 * frames tcpdump selected for every expression of the oracle's bpf.json, and never asks its
 * source for bytes past the end of the file (the worker's block cache rejects such reads).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryByteSource } from '../../../src/core/capture/byte-source';
import type { ByteSource } from '../../../src/core/capture/types';
import { CaptureSession } from '../../../src/core/session';

const DIR = process.env.WIRELIGHT_CAPTURES ?? join(__dirname, '../../../../shared/captures');
const ORACLE = join(DIR, 'oracle');
const names = existsSync(ORACLE)
  ? readdirSync(ORACLE).filter((n) => existsSync(join(ORACLE, n, 'bpf.json')))
  : [];

function strictSource(bytes: Uint8Array): ByteSource {
  const inner = memoryByteSource(bytes);
  return {
    size: bytes.length,
    read(offset: number, length: number): Uint8Array {
      if (offset < 0 || length < 0 || offset + length > bytes.length) {
        throw new Error(`read past the end: ${offset}+${length} of ${bytes.length}`);
      }
      return inner.read(offset, length);
    },
  };
}

function captureFile(name: string): string {
  for (const ext of ['.pcap', '.pcapng']) if (existsSync(join(DIR, name + ext))) return join(DIR, name + ext);
  throw new Error(`no capture for oracle ${name}`);
}

describe.skipIf(names.length === 0)('session.bpfFrames equals tcpdump on the oracle', () => {
  for (const name of names) {
    it(name, () => {
      const bytes = new Uint8Array(readFileSync(captureFile(name)));
      const session = new CaptureSession({
        source: strictSource(bytes),
        firstPass: { tree: false, columns: false },
      });
      session.push(bytes);
      session.finish();
      const expected = JSON.parse(readFileSync(join(ORACLE, name, 'bpf.json'), 'utf8')) as Record<
        string,
        number[] | { error: string }
      >;
      for (const [expr, want] of Object.entries(expected)) {
        const r = session.bpfFrames(expr);
        if (!Array.isArray(want)) {
          expect({ expr, ok: r.ok }).toEqual({ expr, ok: false });
          continue;
        }
        expect({ expr, frames: r.ok ? [...r.value] : r.error }).toEqual({ expr, frames: want });
      }
    });
  }
});
