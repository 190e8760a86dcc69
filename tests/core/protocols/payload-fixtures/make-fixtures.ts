/**
 * Records tshark 4.0's answers for the payload-protocol scenarios (SigComp, JXTA, H1, S101):
 * each scenario's capture is written to a temporary file and `tshark -T fields` output for the
 * scenario's fields is stored as <protocol>/fixtures/<scenario>.tsv. Run after changing a
 * scenario (optionally with scenario names to redo only those):
 *   node_modules/.bin/tsx tests/core/protocols/payload-fixtures/make-fixtures.ts [name...]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldsOf, type Scenario } from './harness';
import { SCENARIO_SETS } from './sets';
import { tsharkFieldsArgs } from '../../../tools/tshark-fields-args';

const only = new Set(process.argv.slice(2));
const dir = mkdtempSync(join(tmpdir(), 'payload-fixtures-'));
try {
  for (const [folder, scenarios] of SCENARIO_SETS) {
    for (const s of scenarios as Scenario[]) {
      if (only.size > 0 && !only.has(s.name)) continue;
      const file = join(dir, `${s.name}.pcap`);
      writeFileSync(file, s.build());
      const args = tsharkFieldsArgs(file, fieldsOf(s));
      const text = execFileSync('tshark', args, {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      mkdirSync(new URL('fixtures/', folder), { recursive: true });
      writeFileSync(new URL(`fixtures/${s.name}.tsv`, folder), text);
      console.log(`${s.name}: ${text.split('\n').length - 2} frames`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
