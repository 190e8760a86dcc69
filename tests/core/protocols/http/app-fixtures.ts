/**
 * tshark 4.0 answers for the hand-made HTTP and TLS captures (http/cases.ts, tls/cases.ts),
 * stored as JSON so the tests run without tshark: per case, per frame, the non-empty cells of
 * `tshark -T fields -E occurrence=a -E aggregator=,` for every field tshark registers for the
 * protocols under test (so a field we lack shows up as a mismatch). Written by gen-fixtures.ts.
 */
import { readFileSync } from 'node:fs';
import { fieldByAbbrev } from '../../../../src/core/dissect/fields';
import { fieldsText } from '../../../../src/core/dissect/format';
import { memoryByteSource } from '../../../../src/core/capture/index';
import { CaptureSession } from '../../../../src/core/session';
import type { DissectedFrame } from '../../../../src/core/dissect/frame';
import { mismatches } from '../payload-fixtures/harness';

export interface AppFixture {
  /** The -e fields, in order. */
  fields: string[];
  /** Per case, per frame: field → cell (absent = empty). */
  cases: Record<string, Record<string, string>[]>;
}

/** Protocols whose every registered field is compared. */
export const APP_PROTOCOLS = [
  'http',
  'media',
  'mime_multipart',
  'json',
  'xml',
  'image-gif',
  'image-jfif',
  'png',
  'urlencoded-form',
  'data',
  'tls',
  'x509af',
  'x509ce',
  'x509if',
  'x509sat',
  'pkix1explicit',
  'pkix1implicit',
];

/** Fields outside those protocols that tell how the payload was framed and marked. */
export const EXTRA_FIELDS = [
  'frame.number',
  'frame.protocols',
  '_ws.col.Protocol',
  '_ws.col.Info',
  'tcp.len',
  'tcp.reassembled_in',
  'tcp.segment',
  'tcp.reassembled.length',
  '_ws.expert.message',
  '_ws.expert.severity',
];

export function readAppFixture(dir: URL): AppFixture {
  return JSON.parse(readFileSync(new URL('fixtures/tshark.json', dir), 'utf8')) as AppFixture;
}

/** Differences between tshark's cells and ours for one case (one pass with tree and columns). */
export function caseMismatches(fx: AppFixture, name: string, bytes: Uint8Array): string[] {
  const frames = fx.cases[name];
  if (!frames) throw new Error(`no tshark answers for case ${name}: run gen-fixtures.ts`);
  const want = [fx.fields, ...frames.map((f) => fx.fields.map((h) => f[h] ?? ''))];
  return mismatches(want, dissectRows(bytes, fx.fields, false));
}

/**
 * Links to later frames: known once the first pass is over, so a frame dissected again shows
 * them while the single pass (like tshark's) cannot.
 */
const FORWARD_FIELDS = new Set([
  'http.response_in',
  'http.next_request_in',
  'http.next_response_in',
  'tcp.reassembled_in',
  'tls.handshake.reassembled_in',
]);

/**
 * What a frame shows when dissected again after a first pass without tree or columns (as the
 * UI does) against the single pass with both: the same cells but the links to later frames.
 * A TCP segment whose PDU is reassembled later keeps its own Info and layers (TCP's business).
 */
export function revisitMismatches(fields: string[], bytes: Uint8Array): string[] {
  const once = dissectRows(bytes, fields, false);
  const again = dissectRows(bytes, fields, true);
  const reassembledIn = fields.indexOf('tcp.reassembled_in');
  return mismatches(once, again, (f) => !FORWARD_FIELDS.has(f)).filter((m) => {
    const frame = Number(/^frame (\d+) /.exec(m)?.[1]);
    const segment = again[frame]?.[reassembledIn] !== '';
    return !(segment && (m.includes(' _ws.col.Info:') || m.includes(' frame.protocols:')));
  });
}

/** tshark -T fields escapes these control characters in strings. */
function escape(s: string): string {
  return s.replace(
    /[\b\f\n\r\t]/g,
    (c) => ({ '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!,
  );
}

function render(fields: string[], d: DissectedFrame): string[] {
  return fields.map((f) => {
    if (f === '_ws.col.Info') return d.cols?.info ?? '';
    if (f === '_ws.col.Protocol') return d.cols?.protocol ?? '';
    const def = fieldByAbbrev(f);
    return def && d.tree
      ? d.tree
          .occurrences(def)
          .map((n) => escape(fieldsText(n)))
          .join(',')
      : '';
  });
}

/**
 * Our rows in the fixture's layout: one pass in order with tree and columns, as tshark; or a
 * first pass without them followed by dissecting every frame again, as the UI does.
 */
function dissectRows(bytes: Uint8Array, fields: string[], twoPass: boolean): string[][] {
  const rows: string[][] = [fields];
  const session = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: {
      tree: !twoPass,
      columns: !twoPass,
      onFrame: (d) => {
        if (!twoPass) rows.push(render(fields, d));
      },
    },
  });
  session.push(bytes);
  session.finish();
  if (twoPass) {
    for (let n = 1; n <= session.frameCount; n++) {
      rows.push(render(fields, session.dissect(n, { tree: true, columns: true })));
    }
  }
  return rows;
}
