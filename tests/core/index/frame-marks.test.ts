/**
 * Frame marks (src/core/dissect/frame-marks.ts, src/core/index/frame-marks.ts) let a filter on
 * deep fields dissect only the frames that may hold them, so they must be a superset:
 * - every frame whose tree (dissected again, as filters do) holds a field of a marked family
 *   carries that family's mark from the first pass, on every corpus capture, the hand-made HTTP
 *   and TLS captures (SSLv2, fragmented handshakes, cut short) and tcpdump's HTTP/TLS captures;
 * - filters that use the shortcut select exactly what dissecting every frame selects, and
 *   dissect only the marked frames;
 * - the shortcut is refused when the answer still depends on other fields.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markOfField } from '../../../src/core/dissect/frame-marks';
import type { ProtoNode } from '../../../src/core/dissect/tree';
import { compileDisplayFilter, type DisplayFilter } from '../../../src/core/filter/index';
import { markShortcut } from '../../../src/core/index/frame-marks';
import { HTTP_CASES } from '../protocols/http/cases';
import { TLS_CASES } from '../protocols/tls/cases';
import { loadedSession } from '../../tools/loaded-session';

const DIR = process.env.WIRELIGHT_CAPTURES ?? join(__dirname, '../../../../shared/captures');
const TCPDUMP = join(DIR, 'tcpdump-tests');

function captureFiles(): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  if (existsSync(DIR)) {
    for (const f of readdirSync(DIR)
      .filter((f) => /\.(pcap|pcapng)$/.test(f))
      .sort())
      out.push([f, new Uint8Array(readFileSync(join(DIR, f)))]);
  }
  if (existsSync(TCPDUMP)) {
    // The tcpdump captures that carry HTTP-looking text (by name), small enough for a unit test.
    for (const f of readdirSync(TCPDUMP).sort()) {
      if (!/http|www|tcp|ssdp|tls|ssl/i.test(f) || !/\.(pcap|pcapng)$/.test(f)) continue;
      const p = join(TCPDUMP, f);
      if (statSync(p).size < 300_000) out.push([`tcpdump-tests/${f}`, new Uint8Array(readFileSync(p))]);
    }
  }
  for (const [name, make] of Object.entries(HTTP_CASES)) out.push([`http case ${name}`, make()]);
  for (const [name, make] of Object.entries(TLS_CASES)) out.push([`tls case ${name}`, make()]);
  return out;
}

function walk(nodes: readonly ProtoNode[] | null, f: (n: ProtoNode) => void): void {
  if (!nodes) return;
  for (const n of nodes) {
    f(n);
    walk(n.children, f);
  }
}

function compile(text: string): DisplayFilter {
  const r = compileDisplayFilter(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.value;
}

const SHORTCUT_FILTERS = [
  'http.request.uri contains "a"',
  'http.request.uri contains "api"',
  'http.request.method == "GET"',
  'http.request',
  '!http.request',
  'http.request.full_uri matches "\\\\.(png|js)$"',
  'http.request.version == "HTTP/1.1" && http.request.uri.path contains "/"',
  'http.request_number >= 2',
  'http.response.code == 200',
  'http.response.code >= 400 || http.request.method == "POST"',
  'http.time > 0.01',
  '!http.response',
  'tls.handshake.type == 1',
  'tls.handshake.extensions_server_name contains "example"',
  'tls.handshake',
  'tls.handshake.certificate',
  'x509sat.printableString contains "a" || x509ce.dNSName contains "example"',
];

describe('frame marks', () => {
  const files = captureFiles();

  it.runIf(files.length > 0)(
    'mark every frame whose tree holds a field of the family',
    () => {
      const missing: string[] = [];
      let withFields = 0;
      for (const [name, bytes] of files) {
        const s = loadedSession(bytes);
        for (let num = 1; num <= s.frameCount; num++) {
          const d = s.dissect(num, { tree: true, columns: false });
          let need = 0;
          walk(d.tree ? d.tree.top : null, (n) => {
            need |= markOfField(n.def.abbrev);
          });
          if (need !== 0) withFields++;
          const have = s.frameMarks.bits[num - 1];
          if ((need & ~have) !== 0) missing.push(`${name} #${num}: needs ${need}, marked ${have}`);
        }
      }
      expect(missing).toEqual([]);
      // The corpus has HTTP requests: the check above looked at real cases.
      expect(withFields).toBeGreaterThan(10);
    },
    600_000,
  );

  it.runIf(files.length > 0)(
    'let filters dissect only marked frames and still select what every frame selects',
    () => {
      const filters = SHORTCUT_FILTERS.map(compile);
      let skipped = 0;
      for (const [name, bytes] of files) {
        const s = loadedSession(bytes);
        const want = filters.map(() => [] as number[]);
        for (let num = 1; num <= s.frameCount; num++) {
          const d = s.dissect(num, { tree: true, columns: false });
          filters.forEach((f, k) => {
            if (f.matches(d)) want[k].push(num);
          });
        }
        filters.forEach((f, k) => {
          const run = s.filterRun(f);
          run.step(s.frameCount);
          expect([...run.frames()], `${name}: ${f.text}`).toEqual(want[k]);
          let marked = 0;
          for (let i = 0; i < s.frameCount; i++) if (s.frameMarks.bits[i] !== 0) marked++;
          expect(run.dissected, `${name}: ${f.text}`).toBeLessThanOrEqual(marked);
          skipped += s.frameCount - run.dissected;
        });
      }
      expect(skipped).toBeGreaterThan(0);
    },
    600_000,
  );
});

describe('markShortcut', () => {
  it('gives the answer of a frame without the family', () => {
    expect(markShortcut(compile('http.request.uri contains "x"'))?.result).toBe(false);
    expect(markShortcut(compile('!http.request'))?.result).toBe(true);
    expect(markShortcut(compile('not http.request.method == "GET"'))?.result).toBe(true);
  });

  it('is refused when the answer depends on fields outside the families', () => {
    expect(markShortcut(compile('http.request || tcp.port == 80'))).toBeNull();
    expect(markShortcut(compile('http.response.line contains "Server"'))).toBeNull();
    expect(markShortcut(compile('http.request.line contains "Host"'))).toBeNull();
    expect(markShortcut(compile('tcp.port == 80'))).toBeNull();
  });

  it('is taken when the other fields cannot change the answer', () => {
    // "and" with an absent field is false whatever the other side says.
    expect(markShortcut(compile('http.request.method == "POST" && tcp.port == 80'))?.result).toBe(false);
  });
});
