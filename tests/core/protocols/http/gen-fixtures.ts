/**
 * Records tshark 4.0's answers for the hand-made HTTP and TLS captures into
 * http/fixtures/tshark.json and tls/fixtures/tshark.json (see app-fixtures.ts). Run after
 * changing a case:
 *   node_modules/.bin/tsx tests/core/protocols/http/gen-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_PROTOCOLS, EXTRA_FIELDS, type AppFixture } from './app-fixtures';
import { HTTP_CASES } from './cases';
import { TLS_CASES } from '../tls/cases';
import { tsharkFieldsArgs } from '../../../tools/tshark-fields-args';

function tsharkFields(): string[] {
  const text = execFileSync('tshark', ['-G', 'fields'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wanted = new Set(APP_PROTOCOLS);
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const c = line.split('\t');
    if (c[0] === 'F' && wanted.has(c[4])) out.push(c[2]);
  }
  // -G lists some fields in no fixed order: sorted, the fixtures change only when answers do.
  return out.sort();
}

function record(dir: string, cases: Record<string, () => Uint8Array>, fields: string[]): AppFixture {
  const fx: AppFixture = { fields, cases: {} };
  for (const [name, build] of Object.entries(cases)) {
    const file = join(dir, `${name}.pcap`);
    writeFileSync(file, build());
    const args = tsharkFieldsArgs(file, fields);
    const text = execFileSync('tshark', args, {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [header, ...rows] = text
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => l.split('\t'));
    fx.cases[name] = rows.map((row) =>
      Object.fromEntries(header.flatMap((h, i) => (row[i] ? [[h, row[i]]] : []))),
    );
    console.log(`${name}: ${rows.length} frames`);
  }
  return fx;
}

const dir = mkdtempSync(join(tmpdir(), 'app-fixtures-'));
try {
  const fields = [...EXTRA_FIELDS, ...tsharkFields()];
  for (const [folder, cases] of [
    ['../http/', HTTP_CASES],
    ['../tls/', TLS_CASES],
  ] as const) {
    const fx = record(dir, cases, fields);
    const out = new URL(`${folder}fixtures/`, import.meta.url);
    mkdirSync(out, { recursive: true });
    writeFileSync(new URL('tshark.json', out), `${JSON.stringify(fx, null, 1)}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
