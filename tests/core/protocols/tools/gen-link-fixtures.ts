/**
 * Writes fixtures/link-scenarios.json: tshark 4.0's answers (the SCENARIO_FIELDS with every
 * occurrence, and the Source/Destination/Protocol/Info columns) on each scenario of
 * link-scenarios.ts. Run when a scenario changes:
 *   node_modules/.bin/tsx tests/core/protocols/tools/gen-link-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcapFile } from '../link-packets';
import { SCENARIOS, SCENARIO_FIELDS } from '../link-scenarios';
import { tsharkFieldsArgs } from '../../../tools/tshark-fields-args';

export const COLUMNS = ['_ws.col.Source', '_ws.col.Destination', '_ws.col.Protocol', '_ws.col.Info'];

const dir = mkdtempSync(join(tmpdir(), 'link-fixtures-'));
/** Per scenario, per frame: the non-empty cells only. */
const out: Record<string, Record<string, string>[]> = {};
try {
  for (const s of SCENARIOS) {
    const file = join(dir, `${s.name}.pcap`);
    writeFileSync(file, pcapFile(s.frames, s.linktype));
    const args = tsharkFieldsArgs(file, [...SCENARIO_FIELDS, ...COLUMNS]);
    const text = execFileSync('tshark', args, {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [header, ...rows] = text
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => l.split('\t'));
    out[s.name] = rows.map((row) =>
      Object.fromEntries(header.flatMap((h, i) => (row[i] ? [[h, row[i]]] : []))),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const body = Object.entries(out)
  .map(
    ([name, frames]) =>
      `${JSON.stringify(name)}: [\n${frames.map((f) => `  ${JSON.stringify(f)}`).join(',\n')}\n]`,
  )
  .join(',\n');
writeFileSync(new URL('../fixtures/link-scenarios.json', import.meta.url), `{\n${body}\n}\n`);
