/**
 * Differential probe (a dev tool, not a test): display filters and BPF expressions beyond the
 * oracle's fixed lists, evaluated by Wirelight and by tshark -Y / tcpdump on every capture of a
 * corpus directory. Prints each difference. tshark runs without a key log (Wirelight does not
 * decrypt), tcpdump on the raw file.
 *   npx tsx tests/corpus2/probe-filters.ts /work/corpus2 FILTERS.txt BPF.txt
 * One expression per line; blank lines and lines starting with # are ignored.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaptureSession } from '../../src/core/session';
import { compileDisplayFilter, type DisplayFilter } from '../../src/core/filter/index';
import { memoryByteSource } from '../../src/core/capture/byte-source';

const [dir, filterFile, bpfFile] = process.argv.slice(2);
const lines = (f: string | undefined): string[] =>
  f
    ? readFileSync(f, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : [];
const filters = lines(filterFile);
const bpfs = lines(bpfFile);
const conf = mkdtempSync(join(tmpdir(), 'wsconf-'));
const caps = readdirSync(dir).filter((f) => /\.pcap(ng)?$/.test(f));
let diffs = 0;

/** The one-line summaries (nanosecond time, absolute sequence numbers: relative ones depend on the packets kept) of the packets tcpdump keeps. */
function stamps(file: string, expr: string): string[] {
  const args = ['-n', '-S', '-tt', '--time-stamp-precision=nano', '-r', file];
  if (expr) args.push(expr);
  const out = execFileSync('tcpdump', args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  return (
    out
      .toString()
      .split('\n')
      .filter((l) => /^\d+\.\d{9} /.test(l))
      // the whole line (time and summary) tells apart packets captured in the same microsecond
      .map((l) => l)
  );
}

/** Frame numbers of the packets tcpdump selects, found by walking the full listing in order. */
function tcpdumpFrames(file: string, expr: string, all: string[]): number[] {
  const kept = stamps(file, expr);
  const out: number[] = [];
  let i = 0;
  for (const ts of kept) {
    while (i < all.length && all[i] !== ts) i++;
    if (i < all.length) out.push(++i);
  }
  return out;
}
for (const cap of caps) {
  const file = join(dir, cap);
  const bytes = new Uint8Array(readFileSync(file));
  const compiled = new Map<string, DisplayFilter>();
  const ourErr = new Map<string, string>();
  for (const t of filters) {
    const r = compileDisplayFilter(t);
    if (r.ok) compiled.set(t, r.value);
    else ourErr.set(t, r.error.message);
  }
  const hits = new Map<string, number[]>([...compiled.keys()].map((t) => [t, []]));
  const session = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: {
      tree: true,
      columns: false,
      onFrame: (d, input) => {
        for (const [t, f] of compiled) if (f.matches(d)) hits.get(t)?.push(input.num);
      },
    },
  });
  session.push(bytes);
  session.finish();
  for (const t of filters) {
    let want: number[] | string;
    try {
      const out = execFileSync('tshark', ['-n', '-r', file, '-Y', t, '-T', 'fields', '-e', 'frame.number'], {
        env: { ...process.env, WIRESHARK_CONFIG_DIR: conf },
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 1 << 26,
      });
      want = out.toString().split('\n').filter(Boolean).map(Number);
    } catch (e) {
      // tshark's message is its first stderr line that is not the running-as-root warning
      const lines = String((e as { stderr?: Buffer }).stderr ?? e).split('\n');
      const message = lines.find((l) => l && !l.startsWith('Running as user')) ?? '';
      want = `error: ${message.replace(/^tshark: /, '')}`;
    }
    const got = hits.get(t) ?? `error: ${ourErr.get(t)}`;
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      diffs++;
      const g = Array.isArray(got) ? got : [];
      const w = Array.isArray(want) ? want : [];
      const extra = g.filter((n) => !w.includes(n));
      const miss = w.filter((n) => !g.includes(n));
      console.log(
        `DF ${cap} | ${t} | ours ${Array.isArray(got) ? got.length : got} tshark ${Array.isArray(want) ? want.length : want}` +
          ` | extra ${extra.slice(0, 8).join(',')} | missing ${miss.slice(0, 8).join(',')}`,
      );
    }
  }
  const all = bpfs.length > 0 ? stamps(file, '') : [];
  for (const b of bpfs) {
    const r = session.bpfFrames(b);
    let want: number[] | string;
    try {
      want = tcpdumpFrames(file, b, all);
    } catch (e) {
      want = `error: ${String((e as { stderr?: Buffer }).stderr ?? e).split('\n')[0]}`;
    }
    const got = r.ok ? [...r.value] : `error: ${r.error}`;
    const both = Array.isArray(got) || Array.isArray(want);
    if (both && JSON.stringify(got) !== JSON.stringify(want)) {
      diffs++;
      const g = Array.isArray(got) ? got : [];
      const w = Array.isArray(want) ? want : [];
      const extra = g.filter((n) => !w.includes(n)).slice(0, 8);
      const miss = w.filter((n) => !g.includes(n)).slice(0, 8);
      console.log(
        `BPF ${cap} | ${b} | ours ${Array.isArray(got) ? got.length : got} tcpdump ${Array.isArray(want) ? want.length : want}` +
          ` | extra ${extra.join(',')} | missing ${miss.join(',')}`,
      );
    }
  }
  console.error(`${cap}: done`);
}
rmSync(conf, { recursive: true });
console.log(`differences: ${diffs}`);
