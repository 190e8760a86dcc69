/**
 * Display-filter conformance against the tshark 4.0.17 oracle: every entry of every
 * oracle/NAME/filters.json (filters.nokeys.json where a key log exists: we do not decrypt) must
 * select the same frames, or be rejected with tshark's message.
 *
 * A filter that names a field no dissector registers yet is listed as pending (it.todo, with the
 * missing names) instead of failing; as soon as every name it uses is registered, it is enforced.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CaptureSession } from '../../src/core/session';
import { fieldByAbbrev } from '../../src/core/dissect/fields';
import { compileDisplayFilter, type DisplayFilter } from '../../src/core/filter/index';
import { parseFilter } from '../../src/core/filter/parser';
import type { TestNode, ValueNode } from '../../src/core/filter/ast';

const DIR = process.env.WIRELIGHT_CAPTURES ?? join(__dirname, '../../../shared/captures');

type Expected = number[] | { error: string };

function oracleFilters(name: string): Record<string, Expected> {
  const nokeys = join(DIR, 'oracle', name, 'filters.nokeys.json');
  const path = existsSync(nokeys) ? nokeys : join(DIR, 'oracle', name, 'filters.json');
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, Expected>;
}

/** Words of the filter that stand where a field or protocol name goes. */
function names(text: string): string[] {
  const parsed = parseFilter(text);
  if (!parsed.ok || !parsed.value) return [];
  const out = new Set<string>();
  const value = (v: ValueNode): void => {
    switch (v.k) {
      case 'field':
        out.add(v.def.abbrev);
        break;
      case 'unparsed':
        // A word that is not a number or address: a field name we may not know yet.
        if (/^[A-Za-z_][\w-]*(\.[\w-]+)*$/.test(v.text)) out.add(v.text);
        break;
      case 'slice':
        value(v.entity);
        break;
      case 'func':
        v.args.forEach(value);
        break;
      case 'neg':
      case 'group':
        value(v.arg);
        break;
      case 'arith':
        value(v.a);
        value(v.b);
        break;
      default:
        break;
    }
  };
  const test = (t: TestNode): void => {
    switch (t.k) {
      case 'and':
      case 'or':
        test(t.a);
        test(t.b);
        break;
      case 'not':
        test(t.arg);
        break;
      case 'value':
        value(t.v);
        break;
      case 'in':
        value(t.a);
        break;
      default:
        value(t.a);
        value(t.b);
    }
  };
  test(parsed.value);
  return [...out];
}

function captureFile(name: string): string | undefined {
  return ['pcap', 'pcapng'].map((e) => join(DIR, `${name}.${e}`)).find((p) => existsSync(p));
}

const CAPTURES = existsSync(join(DIR, 'oracle'))
  ? readdirSync(join(DIR, 'oracle')).filter(
      (n) => existsSync(join(DIR, 'oracle', n, 'filters.json')) && captureFile(n) !== undefined,
    )
  : [];

describe.each(CAPTURES)('display filters on %s', (name) => {
  const expected = oracleFilters(name);
  const compiled = new Map<string, DisplayFilter>();
  const entries = Object.entries(expected).map(([text, want]) => {
    const r = compileDisplayFilter(text);
    if (r.ok) compiled.set(text, r.value);
    const missing = r.ok ? [] : names(text).filter((n) => !fieldByAbbrev(n));
    return { text, want, result: r, missing };
  });
  const hits = new Map<string, number[]>();

  beforeAll(() => {
    const file = captureFile(name) as string;
    for (const text of compiled.keys()) hits.set(text, []);
    const session = new CaptureSession({
      firstPass: {
        tree: true,
        columns: false,
        onFrame: (d, input) => {
          for (const [text, f] of compiled) if (f.matches(d)) hits.get(text)?.push(input.num);
        },
      },
    });
    session.push(readFileSync(file));
    session.finish();
  });

  for (const e of entries) {
    const rejected = !Array.isArray(e.want);
    if (!rejected && e.missing.length > 0) {
      it.todo(`${e.text} — pending: no dissector registers ${e.missing.join(', ')}`);
      continue;
    }
    it(e.text, () => {
      if (!Array.isArray(e.want)) {
        expect(e.result.ok).toBe(false);
        // filters.json keeps the whole stderr text; its first line is "tshark: MESSAGE".
        const message = e.want.error
          .split('\n')[0]
          .replace(/^tshark: /, '')
          .trim();
        if (!e.result.ok) expect(e.result.error.message).toBe(message);
        return;
      }
      if (!e.result.ok) throw new Error(`rejected: ${e.result.error.message}`);
      expect(hits.get(e.text)).toEqual(e.want);
    });
  }
});
