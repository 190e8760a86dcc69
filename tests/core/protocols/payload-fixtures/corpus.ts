/**
 * Protocol/Info columns and frame.protocols of a corpus capture (shared/captures) against the
 * tshark 4.0.17 oracle, frame by frame.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dissectRows } from './harness';

const DIR = process.env.WIRELIGHT_CAPTURES ?? join(__dirname, '../../../../../shared/captures');

function table(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.split('\t'));
}

/** Mismatching cells ("frame N what: got 'x' want 'y'"); empty when everything matches. */
export function corpusColumns(name: string): string[] {
  const file = ['pcap', 'pcapng'].map((e) => join(DIR, `${name}.${e}`)).find((p) => existsSync(p));
  if (!file) throw new Error(`capture ${name} not found in ${DIR}`);
  const fields = table(join(DIR, 'oracle', name, 'fields.tsv'));
  const columns = table(join(DIR, 'oracle', name, 'columns.tsv'));
  const protoCol = fields[0].indexOf('frame.protocols');
  const got = dissectRows(new Uint8Array(readFileSync(file)), [
    'frame.number',
    'frame.protocols',
    '_ws.col.Protocol',
    '_ws.col.Info',
  ]);
  const out: string[] = [];
  if (got.length !== columns.length) out.push(`frames: got ${got.length - 1} want ${columns.length - 1}`);
  for (let n = 1; n < columns.length; n++) {
    const want: [string, string][] = [
      ['frame.protocols', fields[n][protoCol]],
      ['Protocol', columns[n][4]],
      ['Info', columns[n][6]],
    ];
    want.forEach(([what, w], i) => {
      const g = got[n]?.[i + 1] ?? '';
      if (g !== w) out.push(`frame ${n} ${what}: got '${g}' want '${w}'`);
    });
  }
  return out;
}

corpusColumns.available = existsSync(DIR);
