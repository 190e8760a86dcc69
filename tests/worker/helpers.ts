import { readFileSync } from 'node:fs';
import { memoryByteSource } from '../../src/core/capture/index';
import { WirelightWorker } from '../../src/worker/api';
import type { LoadOutcome, LoadProgress } from '../../src/worker/types';

export const CAPTURES = '/work/shared/captures';

export function captureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${CAPTURES}/${name}`));
}

/** Files keep their bytes here so the worker can re-read them without FileReaderSync (Node). */
const contents = new WeakMap<Blob, Uint8Array>();

export function fileOf(name: string, bytes: Uint8Array): File {
  const f = new File([bytes as Uint8Array<ArrayBuffer>], name);
  contents.set(f, bytes);
  return f;
}

export function newWorker(): WirelightWorker {
  return new WirelightWorker((file) => {
    const bytes = contents.get(file);
    if (!bytes) throw new Error('test file without registered bytes');
    return memoryByteSource(bytes);
  });
}

export async function open(
  w: WirelightWorker,
  name: string,
  bytes: Uint8Array,
): Promise<{ outcome: LoadOutcome; progress: LoadProgress[] }> {
  const progress: LoadProgress[] = [];
  const outcome = await w.open({ kind: 'file', file: fileOf(name, bytes) }, (p) => progress.push(p));
  return { outcome, progress };
}

/** columns.tsv of the oracle as rows of strings (header dropped). */
export function oracleColumns(capture: string): string[][] {
  const text = readFileSync(`${CAPTURES}/oracle/${capture}/columns.tsv`, 'utf8');
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}

export function oracleFilters(capture: string): Record<string, number[] | { error: string }> {
  return JSON.parse(readFileSync(`${CAPTURES}/oracle/${capture}/filters.json`, 'utf8')) as Record<
    string,
    number[] | { error: string }
  >;
}
