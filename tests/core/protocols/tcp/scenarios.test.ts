import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldByAbbrev } from '../../../../src/core/dissect/fields';
import { fieldsText } from '../../../../src/core/dissect/format';
import { CaptureSession } from '../../../../src/core/session';
import { memoryByteSource } from '../../../../src/core/capture/index';
import { followHandler } from '../../../../src/cli/z/follow';
import type { ZTap } from '../../../../src/cli/z/types';
import type { FrameTree } from '../../../../src/core/dissect/tree';
import { buildPcap } from './packet-builder';
import { SCENARIOS, V6 } from './scenarios';

const fixture = (name: string, twoPass = false): string[][] =>
  readFileSync(new URL(`./fixtures/${name}${twoPass ? '.2pass' : ''}.tsv`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));

/** Our dissection of a scenario in tshark's -T fields layout (header row first). */
function dissect(name: string, fields: string[], visited: boolean): string[][] {
  const bytes = buildPcap(SCENARIOS[name], V6.has(name));
  const rows: string[][] = [fields];
  const render = (info: string, protocol: string, protos: string, tree: FrameTree | null): string[] =>
    fields.map((f) => {
      if (f === '_ws.col.Info') return info;
      if (f === '_ws.col.Protocol') return protocol;
      const def = fieldByAbbrev(f);
      if (f === 'frame.protocols') return protos;
      return def && tree ? tree.occurrences(def).map(fieldsText).join(',') : '';
    });
  const session = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: {
      tree: !visited,
      columns: !visited,
      onFrame: (d) => {
        if (!visited)
          rows.push(render(d.cols?.info ?? '', d.cols?.protocol ?? '', d.pinfo.layers.join(':'), d.tree));
      },
    },
  });
  session.push(bytes);
  session.finish();
  if (visited) {
    for (let n = 1; n <= session.frameCount; n++) {
      const d = session.dissect(n, { tree: true, columns: true });
      rows.push(render(d.cols?.info ?? '', d.cols?.protocol ?? '', d.pinfo.layers.join(':'), d.tree));
    }
  }
  return rows;
}

/**
 * Scenarios whose payload goes to another protocol's dissector (DNS): only what TCP itself
 * decides is compared there (tcp.* fields and TCP's own Info text).
 */
const PAYLOAD_SCENARIOS = new Set(['desegment']);

function mismatches(name: string, want: string[][], got: string[][]): string[] {
  const out: string[] = [];
  const hdr = want[0];
  for (let r = 1; r < want.length; r++) {
    for (let c = 0; c < hdr.length; c++) {
      let w = want[r][c] ?? '';
      let g = got[r]?.[c] ?? '';
      if (PAYLOAD_SCENARIOS.has(name)) {
        if (hdr[c] === '_ws.col.Info' && !w.includes('[TCP segment of a reassembled PDU]')) continue;
        if (!hdr[c].startsWith('tcp.') && hdr[c] !== '_ws.col.Info') continue;
      }
      // The frame dissector lists the malformed pseudo-protocol in frame.protocols; tshark does not.
      if (hdr[c] === 'frame.protocols') g = g.replace(/:_ws\.malformed$/, '');
      // tshark prints a zero-length byte field as <MISSING>; our -T fields writer prints nothing.
      if (w === '<MISSING>') w = '';
      if (w !== g) out.push(`frame ${r} ${hdr[c]}: got '${g}' want '${w}'`);
    }
  }
  return out;
}

/** `-z follow,tcp,raw,N` for each stream of the tshark fixture, through the CLI tap. */
function follow(name: string, expected: string): string {
  const streams = [...expected.matchAll(/Filter: tcp\.stream eq (\d+)/g)].map((m) => Number(m[1]));
  const taps = streams.map((n) => followHandler.create(`follow,tcp,raw,${n}`) as ZTap);
  const bytes = buildPcap(SCENARIOS[name], V6.has(name));
  const session = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: {
      tree: false,
      columns: false,
      onFrame: (d, input) => taps.forEach((t) => t.onFrame(d, input)),
    },
  });
  session.push(bytes);
  session.finish();
  return taps.map((t) => t.finish(session)).join('');
}

describe('TCP scenarios match tshark 4.0', () => {
  for (const name of Object.keys(SCENARIOS)) {
    it(`${name}: first pass (tree + columns, one pass like tshark)`, () => {
      const want = fixture(name);
      const got = dissect(name, want[0], false);
      expect(got.length).toBe(want.length);
      expect(mismatches(name, want, got)).toEqual([]);
    });
    it(`${name}: re-dissection after a tree-less first pass (tshark -2)`, () => {
      const want = fixture(name, true);
      const got = dissect(name, want[0], true);
      expect(mismatches(name, want, got)).toEqual([]);
    });
    it(`${name}: Follow TCP Stream of every stream`, () => {
      const expected = readFileSync(new URL(`./fixtures/${name}.follow.txt`, import.meta.url), 'utf8');
      expect(follow(name, expected)).toBe(expected);
    });
  }
});
