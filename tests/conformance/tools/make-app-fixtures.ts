/**
 * Generates tests/conformance/fixtures/app-layer/*.tsv: tshark 4.0's -T fields output of every
 * application-layer field we register, for the tcpdump-tests captures that carry DNS, HTTP or
 * TLS (needs tshark on PATH):
 *
 *   npx tsx tests/conformance/tools/make-app-fixtures.ts [CAPTURES_DIR]
 *
 * Each fixture keeps the frames where tshark shows one of our layers (plus the header line with
 * the field names); frames not listed have none. Run again after registering new fields.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '../../../src/core/protocols/index';
import { APP_LAYERS, appFields } from './app-fields';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? join(here, '../../../../shared/captures');
const tests = join(dir, 'tcpdump-tests');
const out = join(here, '../fixtures/app-layer');

function tshark(args: string[]): string {
  try {
    return execFileSync('tshark', args, {
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
  } catch (e) {
    // tshark exits non-zero on files cut short; what it printed before is still the oracle.
    return (e as { stdout?: Buffer }).stdout?.toString() ?? '';
  }
}

const known = new Set(
  tshark(['-G', 'fields'])
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((c) => c[0] === 'F')
    .map((c) => c[2]),
);
const fields = appFields()
  .map((f) => f.abbrev)
  .filter((a) => known.has(a));
const filter = [...APP_LAYERS].join(' or ');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const chosen: string[] = [];
for (const name of readdirSync(tests).sort()) {
  const file = join(tests, name);
  if (!tshark(['-n', '-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number']).trim()) continue;
  const args = [
    '-n',
    '-r',
    file,
    '-T',
    'fields',
    '-E',
    'header=y',
    '-E',
    'separator=/t',
    '-E',
    'occurrence=a',
  ];
  args.push('-E', 'aggregator=,', '-e', 'frame.number', '-e', 'frame.protocols', '-e', '_ws.col.Protocol');
  args.push('-e', '_ws.col.Info');
  for (const f of fields) args.push('-e', f);
  const lines = tshark(args).replace(/\n$/, '').split('\n');
  const keep = lines.filter((l, i) => {
    if (i === 0) return true;
    const layers = (l.split('\t')[1] ?? '').split(':');
    return layers.some((p) => APP_LAYERS.has(p));
  });
  writeFileSync(join(out, `${name}.tsv`), keep.join('\n') + '\n');
  chosen.push(name);
}
console.log(`${chosen.length} captures, ${fields.length} fields`);
