import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryByteSource } from '../../../src/core/capture/index';
import { CaptureSession } from '../../../src/core/session';
import type { DissectedFrame } from '../../../src/core/dissect/frame';

export const CAPTURES = '/work/shared/captures';
export const ORACLE = join(CAPTURES, 'oracle');

const sessions = new Map<string, CaptureSession>();

/** A session loaded like the worker loads it: one in-order pass without trees or columns. */
export function loadSession(file: string, onFrame?: (d: DissectedFrame) => void): CaptureSession {
  const key = onFrame ? '' : file;
  const cached = key ? sessions.get(key) : undefined;
  if (cached) return cached;
  const path = file.startsWith('/') ? file : join(CAPTURES, file);
  const bytes = new Uint8Array(readFileSync(path));
  const s = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: { tree: false, columns: false, ...(onFrame ? { onFrame } : {}) },
  });
  for (let o = 0; o < bytes.length; o += 1 << 20) s.push(bytes.subarray(o, o + (1 << 20)));
  s.finish();
  if (key) sessions.set(key, s);
  return s;
}

/** The oracle's fields.tsv of a capture, as one record per frame (field name -> text). */
export function oracleFields(name: string): Record<string, string>[] {
  const text = readFileSync(join(ORACLE, name, 'fields.tsv'), 'utf8');
  const lines = text.split('\n').filter((l) => l !== '');
  const header = lines[0].split('\t');
  return lines.slice(1).map((l) => {
    const cells = l.split('\t');
    const r: Record<string, string> = {};
    header.forEach((h, i) => (r[h] = cells[i] ?? ''));
    return r;
  });
}

/** Frames the oracle's display filter selected (filters.json). */
export function oracleFilter(name: string, filter: string): number[] {
  const all = JSON.parse(readFileSync(join(ORACLE, name, 'filters.json'), 'utf8')) as Record<string, unknown>;
  const v = all[filter];
  if (!Array.isArray(v)) throw new Error(`oracle ${name} has no result for filter ${filter}`);
  return v as number[];
}

/** Rows of an io,stat,1 report: [frames, bytes] per interval. */
export function ioStatRows(text: string): [number, number][] {
  const rows: [number, number][] = [];
  for (const line of text.split('\n')) {
    const m = /^\|\s*[\d.]+ <> [\w.\s]+\|\s*(\d+) \|\s*(\d+) \|/.exec(line);
    if (m) rows.push([Number(m[1]), Number(m[2])]);
  }
  return rows;
}
