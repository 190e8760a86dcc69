/**
 * The link, network and transport dissectors on hand-made captures (link-scenarios.ts),
 * compared cell by cell with tshark 4.0's answers recorded in fixtures/link-scenarios.json
 * (tools/gen-link-fixtures.ts): every occurrence of the SCENARIO_FIELDS and the Source,
 * Destination, Protocol and Info columns.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CaptureSession } from '../../../src/core/session';
import { fieldsLine, planFields, type FieldsOptions } from '../../../src/core/output/fields-writer';
import { frameSummary } from '../../../src/core/summary';
import { pcapFile } from './link-packets';
import { SCENARIOS, SCENARIO_FIELDS } from './link-scenarios';

const EXPECTED = JSON.parse(
  readFileSync(new URL('./fixtures/link-scenarios.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, string>[]>;

const SEP = '\u0001';

/** Our answers for a scenario, in the fixture's shape (non-empty cells only). */
function dissect(bytes: Uint8Array): Record<string, string>[] {
  const opts: FieldsOptions = {
    fields: SCENARIO_FIELDS,
    header: false,
    separator: SEP,
    occurrence: 'a',
    aggregator: ',',
    quote: 'n',
  };
  const { plan } = planFields(SCENARIO_FIELDS);
  const frames: Record<string, string>[] = [];
  const session: CaptureSession = new CaptureSession({
    firstPass: {
      tree: true,
      columns: true,
      onFrame: (d, input) => {
        const s = frameSummary(d, input, session.capture, session.info.tsPrecision, 'relative');
        const values = fieldsLine(d, plan, opts, s).split(SEP);
        const row: Record<string, string> = {};
        SCENARIO_FIELDS.forEach((f, i) => {
          if (values[i]) row[f] = values[i];
        });
        const cols: [string, string][] = [
          ['_ws.col.Source', s.source],
          ['_ws.col.Destination', s.destination],
          ['_ws.col.Protocol', s.protocol],
          ['_ws.col.Info', s.info],
        ];
        for (const [k, v] of cols) if (v) row[k] = v;
        frames.push(row);
      },
    },
  });
  session.push(bytes);
  session.finish();
  return frames;
}

/**
 * tshark lists the occurrences of a field in tree order, Wirelight in the order the items were
 * added; they differ for expert items a lower layer adds after its payload was dissected (an
 * Ethernet trailer's) and for the data of a packet quoted by an ICMPv6 error, which tshark
 * shows at the top of the tree, so these are compared as sets.
 */
const UNORDERED = new Set(['_ws.expert.message', 'data.data', 'data.len']);

function sameItems(a = '', b = ''): boolean {
  return a.split(',').sort().join(',') === b.split(',').sort().join(',');
}

describe('link, network and transport layers vs tshark 4.0', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, () => {
      const want = EXPECTED[scenario.name];
      expect(want, 'fixture missing: run tools/gen-link-fixtures.ts').toBeDefined();
      const got = dissect(pcapFile(scenario.frames, scenario.linktype));
      const diffs: string[] = [];
      if (got.length !== want.length) diffs.push(`frames: expected ${want.length}, got ${got.length}`);
      want.forEach((w, i) => {
        const g = got[i] ?? {};
        for (const key of new Set([...Object.keys(w), ...Object.keys(g)])) {
          if (UNORDERED.has(key) && sameItems(w[key], g[key])) continue;
          if ((w[key] ?? '') !== (g[key] ?? ''))
            diffs.push(
              `frame ${i + 1} ${key}: expected ${JSON.stringify(w[key] ?? '')}, got ${JSON.stringify(g[key] ?? '')}`,
            );
        }
      });
      expect(diffs).toEqual([]);
    });
  }
});
