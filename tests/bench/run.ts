/**
 * `npm run bench`: generates deterministic synthetic captures and measures Wirelight against
 * tshark (and tcpdump for BPF) on the same files, with the outputs checked equal. Writes
 * bench-out/results.json and tests/bench/RESULTS.md.
 *
 *   npm run bench [-- --quick | --full] [--no-browser] [--no-tshark] [--runs N]
 *
 * For each capture: the load (read + dissect + TCP analysis + index) in fresh child processes
 * (measure-load.ts, median of N, plus its per-stage modes when it has them); the operations after
 * a load (measure-filters.ts, median of N fresh processes): three display filters, a BPF filter,
 * Follow TCP Stream of the largest stream, the TCP conversation table; the same by tshark/tcpdump
 * once each, in a second lane that runs at the same time as ours (two cores; both are judged by
 * CPU time); then Chromium (browser.mjs) for the captures marked for it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchCases, ensureCapture, type CaptureCase, type Size } from './cases';
import type { FiltersResult, OpResult } from './measure-filters';
import { capture, commandOutput, median, runChild, runTool, type ToolRun } from './processes';
import {
  renderResults,
  type BenchResults,
  type BrowserFigures,
  type CaseResult,
  type OpFigures,
} from './report';

const argv = process.argv.slice(2);
const size: Size = argv.includes('--quick') ? 'quick' : argv.includes('--full') ? 'full' : 'default';
const runsAt = argv.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(argv[runsAt + 1]) : size === 'quick' ? 1 : 3;
const BROWSER_RUNS = size === 'quick' ? 1 : 3;
/**
 * Bounds that keep the default run well under 10 minutes on 2 cores: after-load operations are
 * repeated (up to RUNS fresh processes) only while their processes used less than this much CPU
 * in all; a load mode is repeated only when its first run took less than MODE_REPEAT_CPU_S; the
 * browser starts no new run of a capture after BROWSER_BUDGET_S. `--full` lifts the bounds.
 */
const OPS_BUDGET_CPU_S = size === 'full' ? Infinity : 40;
/** Likewise for the load runs (the headline figure: at least one, three when they are cheap). */
const LOAD_BUDGET_CPU_S = size === 'full' ? Infinity : 60;
const MODE_REPEAT_CPU_S = size === 'full' ? Infinity : 3;
const BROWSER_BUDGET_S = size === 'full' ? Infinity : 40;
const ROOT = process.cwd();
const OUT = join(ROOT, 'bench-out');
const BENCH = join('tests', 'bench');
mkdirSync(OUT, { recursive: true });

const tsharkAvailable =
  !argv.includes('--no-tshark') && spawnSync('tshark', ['-v'], { stdio: 'ignore' }).status === 0;
const tcpdumpAvailable = spawnSync('tcpdump', ['--version'], { stdio: 'ignore' }).status === 0;

interface LoadRun {
  mode?: string;
  ms: number;
  cpuMs: number;
  packets: number;
  bytes: number;
  rssMb: number;
  indexBytesPerPacket: number;
}

/** The modes measure-load.ts accepts (another helper adds them), read from its source. */
function loadModes(): string[] {
  const src = readFileSync(join(BENCH, 'measure-load.ts'), 'utf8');
  const m = /const MODES[^=]*=\s*\[([^\]]*)\]/.exec(src);
  if (!m) return [];
  return [...m[1].matchAll(/'([a-z0-9-]+)'/g)].map((x) => x[1]);
}

function log(s: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
}

async function measureLoads(
  c: CaptureCase,
  modes: string[],
): Promise<{ all: LoadRun[]; modes: Record<string, LoadRun[]> }> {
  const all: LoadRun[] = [];
  const byMode: Record<string, LoadRun[]> = {};
  const script = join(BENCH, 'measure-load.ts');
  let spent = 0;
  while (all.length < RUNS && spent < LOAD_BUDGET_CPU_S * 1000) {
    const r = await runChild<LoadRun>(script, [c.path]);
    all.push(r);
    spent += r.cpuMs;
  }
  for (const mode of modes) {
    if (mode === 'all') continue;
    const runs: LoadRun[] = [await runChild<LoadRun>(script, [c.path, mode])];
    if (runs[0].cpuMs < MODE_REPEAT_CPU_S * 1000) {
      for (let i = 1; i < RUNS; i++) runs.push(await runChild<LoadRun>(script, [c.path, mode]));
    }
    byMode[mode] = runs;
  }
  return { all, modes: byMode };
}

/** tshark's command line for an operation (display filter, follow, conversations). */
function tsharkArgs(file: string, op: OpResult): string[] {
  if (op.kind === 'display') return ['-n', '-r', file, '-Y', op.expr, '-T', 'fields', '-e', 'frame.number'];
  return ['-n', '-r', file, '-q', '-z', op.expr];
}

const COLUMN_FIELDS = ['-T', 'fields', '-e', 'frame.number', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info'];

interface Reference {
  load: ToolRun | null;
  loadFrames: number;
  ops: Map<string, { run: ToolRun; output: string; tool: string }>;
  columns: ToolRun | null;
}

/** What our lane hands the reference lane for one capture. */
interface Handoff {
  /** Resolves when the capture file exists. */
  generated: Promise<void>;
  /** Resolves with the first operations run (its filters name an address, a port, a stream). */
  firstOps: Promise<FiltersResult>;
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve: (v: T) => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
}

const refOut = (c: CaptureCase, name: string): string => join(OUT, `${c.id}.tshark.${name}.txt`);

/** tshark/tcpdump for one capture: the same operations, once each. */
async function reference(c: CaptureCase, h: Handoff): Promise<Reference> {
  const ref: Reference = { load: null, loadFrames: 0, ops: new Map(), columns: null };
  await h.generated;
  if (tsharkAvailable) {
    ref.load = await runTool(
      'tshark',
      ['-n', '-r', c.path, '-T', 'fields', '-e', 'frame.number'],
      refOut(c, 'load'),
    );
    ref.loadFrames = readFileSync(refOut(c, 'load'), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0).length;
    log(`${c.id}: tshark load ${(ref.load.cpuMs / 1000).toFixed(1)} s CPU`);
  }
  const first = await h.firstOps;
  for (const op of first.ops) {
    const out = refOut(c, op.op);
    if (op.kind === 'bpf') {
      if (!tcpdumpAvailable) continue;
      const run = await runTool('tcpdump', ['-tt', '-nn', '-r', c.path, op.expr], out);
      // tcpdump prints no frame numbers: the timestamps (first column) identify the frames.
      const output = readFileSync(out, 'utf8')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => `${l.split(' ')[0]}\n`)
        .join('');
      ref.ops.set(op.op, { run, output, tool: 'tcpdump' });
    } else if (tsharkAvailable) {
      const run = await runTool('tshark', tsharkArgs(c.path, op), out);
      ref.ops.set(op.op, { run, output: readFileSync(out, 'utf8'), tool: 'tshark' });
    } else {
      continue;
    }
    const r = ref.ops.get(op.op);
    log(`${c.id}: ${r?.tool} ${op.op} ${((r?.run.cpuMs ?? 0) / 1000).toFixed(1)} s CPU`);
  }
  if (c.columnsCheck && tsharkAvailable) {
    ref.columns = await runTool('tshark', ['-n', '-r', c.path, ...COLUMN_FIELDS], refOut(c, 'columns'));
  }
  return ref;
}

interface Ours {
  gen: { bytes: number; generatedMs: number };
  loads: { all: LoadRun[]; modes: Record<string, LoadRun[]> };
  opsRuns: FiltersResult[];
  columns: ToolRun | null;
}

/** Our measurements of one capture, in fresh processes one after another. */
async function ours(
  c: CaptureCase,
  modes: string[],
  generated: () => void,
  firstOps: (r: FiltersResult) => void,
): Promise<Ours> {
  const gen = ensureCapture(c);
  generated();
  if (gen.generatedMs > 0) {
    log(`${c.id}: generated ${(gen.bytes / 1e6).toFixed(1)} MB in ${(gen.generatedMs / 1000).toFixed(1)} s`);
  }
  const script = join(BENCH, 'measure-filters.ts');
  const prefix = join(OUT, `${c.id}.ours`);
  const opsRuns: FiltersResult[] = [await runChild<FiltersResult>(script, [c.path, prefix])];
  firstOps(opsRuns[0]);
  log(`${c.id}: operations run 1 done`);
  const loads = await measureLoads(c, modes);
  log(`${c.id}: loads done (${loads.all.map((l) => (l.cpuMs / 1000).toFixed(1)).join(', ')} s CPU)`);
  const opsCpu = (r: FiltersResult): number => r.loadCpuMs + r.ops.reduce((a, o) => a + o.cpuMs, 0);
  let spent = opsCpu(opsRuns[0]);
  while (opsRuns.length < RUNS && spent < OPS_BUDGET_CPU_S * 1000) {
    const r = await runChild<FiltersResult>(script, [c.path, `${prefix}.${opsRuns.length}`]);
    opsRuns.push(r);
    spent += opsCpu(r);
  }
  log(`${c.id}: ${opsRuns.length} operations runs done`);
  let columns: ToolRun | null = null;
  if (c.columnsCheck && tsharkAvailable) {
    const cli = join('dist-cli', 'wirelight.mjs');
    columns = await runTool(
      process.execPath,
      [cli, '-r', c.path, ...COLUMN_FIELDS],
      join(OUT, `${c.id}.columns.ours.txt`),
    );
  }
  return { gen, loads, opsRuns, columns };
}

function compareColumns(o: ToolRun, t: ToolRun): CaseResult['columns'] {
  const a = readFileSync(o.outFile, 'utf8').split('\n');
  const b = readFileSync(t.outFile, 'utf8').split('\n');
  let equal = 0;
  let firstDiff = '';
  const total = Math.max(a.length, b.length) - (a[a.length - 1] === '' && b[b.length - 1] === '' ? 1 : 0);
  for (let i = 0; i < total; i++) {
    if (a[i] === b[i]) equal++;
    else if (!firstDiff) firstDiff = `line ${i + 1}: ours "${a[i] ?? ''}" vs tshark "${b[i] ?? ''}"`;
  }
  return { oursCpuMs: o.cpuMs, tsharkCpuMs: t.cpuMs, equalLines: equal, totalLines: total, firstDiff };
}

function caseResult(c: CaptureCase, o: Ours, ref: Reference): CaseResult {
  const { loads, opsRuns } = o;
  const packets = loads.all[0].packets;
  const loadCpuMs = median(opsRuns.map((r) => r.loadCpuMs));
  const ops: OpFigures[] = opsRuns[0].ops.map((op, k) => {
    const samples = opsRuns.map((r) => r.ops[k]);
    const cpuMs = median(samples.map((x) => x.cpuMs));
    const r = ref.ops.get(op.op);
    const oursOut = readFileSync(op.out, 'utf8');
    const consistent = samples.every((x) => x.count === op.count);
    return {
      op: op.op,
      kind: op.kind,
      expr: op.expr,
      runs: samples.length,
      ms: median(samples.map((x) => x.ms)),
      cpuMs,
      count: op.count,
      framesPerSec: op.kind === 'display' || op.kind === 'bpf' ? packets / (cpuMs / 1000) : null,
      reference: r
        ? {
            tool: r.tool,
            ms: r.run.ms,
            cpuMs: r.run.cpuMs,
            rssMb: r.run.rssMb,
            same: consistent && r.output === oursOut,
            ratio: r.run.cpuMs / cpuMs,
            ratioInclLoad: r.run.cpuMs / (cpuMs + loadCpuMs),
          }
        : null,
    };
  });
  return {
    id: c.id,
    name: c.name,
    file: c.path,
    headersOnly: c.headersOnly,
    packets,
    bytes: loads.all[0].bytes,
    load: {
      ms: median(loads.all.map((r) => r.ms)),
      cpuMs: median(loads.all.map((r) => r.cpuMs)),
      rssMb: Math.max(...loads.all.map((r) => r.rssMb)),
      indexBytesPerPacket: loads.all[0].indexBytesPerPacket,
      runs: loads.all.map((r) => r.cpuMs),
    },
    modes: Object.entries(loads.modes).map(([mode, runs]) => ({
      mode,
      runs: runs.length,
      ms: median(runs.map((r) => r.ms)),
      cpuMs: median(runs.map((r) => r.cpuMs)),
      rssMb: Math.max(...runs.map((r) => r.rssMb)),
    })),
    tsharkLoad: ref.load
      ? {
          ms: ref.load.ms,
          cpuMs: ref.load.cpuMs,
          rssMb: ref.load.rssMb,
          sameFrameCount: ref.loadFrames === packets,
        }
      : null,
    ops,
    columns: o.columns && ref.columns ? compareColumns(o.columns, ref.columns) : null,
    browser: null,
  };
}

interface BrowserOutput {
  available: boolean;
  note?: string;
  results?: { file: string; runs: Record<string, number | boolean | string>[]; errors: string[] }[];
}

async function measureBrowser(results: CaseResult[], cases: CaptureCase[]): Promise<string | null> {
  const wanted = results.filter((r) => cases.find((c) => c.id === r.id)?.browser);
  if (wanted.length === 0) return null;
  const specs = wanted.map((r) => {
    const retrans = r.ops.find((o) => o.op === 'retransmission');
    return `${r.file}:${r.packets}:${retrans?.count ?? -1}:tcp.analysis.retransmission`;
  });
  const out = await capture(process.execPath, [
    join(BENCH, 'browser.mjs'),
    '--runs',
    String(BROWSER_RUNS),
    '--budget',
    String(BROWSER_BUDGET_S),
    ...specs,
  ]);
  const last = (out.stdout ?? '').trim().split('\n').pop() ?? '';
  if (!last.startsWith('{')) return `browser benchmark failed: ${(out.stderr ?? '').slice(-500)}`;
  const parsed = JSON.parse(last) as BrowserOutput;
  if (!parsed.available) return parsed.note ?? 'browser benchmark unavailable';
  for (const res of parsed.results ?? []) {
    const r = wanted.find((w) => w.file === res.file);
    if (!r) continue;
    const num = (k: string): number => median(res.runs.map((x) => Number(x[k])));
    const b: BrowserFigures = {
      runs: res.runs.length,
      errors: res.errors,
      firstRowsMs: num('firstRowsMs'),
      loadedMs: num('loadedMs'),
      longestLoadTaskMs: Math.max(0, ...res.runs.map((x) => Number(x.longestLoadTaskMs))),
      filterMs: num('filterMs'),
      longestFilterTaskMs: Math.max(0, ...res.runs.map((x) => Number(x.longestFilterTaskMs))),
      filterOk: res.runs.length > 0 && res.runs.every((x) => x.filterOk === true),
    };
    r.browser = b;
  }
  return null;
}

function firstLine(s: string): string {
  return s.split('\n')[0]?.trim() ?? '';
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const cases = benchCases(size, OUT);
  const modes = loadModes();
  // The CLI bundle (for the columns check) is built before anything is timed.
  spawnSync(process.execPath, [join('scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  // Two lanes: ours (captures one after another, then the browser) and the reference tools
  // (the same captures in the same order, each waiting for what it needs from ours).
  const handoffs = cases.map(() => ({ generated: deferred<void>(), firstOps: deferred<FiltersResult>() }));
  const refLane = (async () => {
    const refs: Reference[] = [];
    for (let i = 0; i < cases.length; i++) {
      refs.push(
        await reference(cases[i], {
          generated: handoffs[i].generated.promise,
          firstOps: handoffs[i].firstOps.promise,
        }),
      );
    }
    return refs;
  })();
  const oursAll: Ours[] = [];
  try {
    for (let i = 0; i < cases.length; i++) {
      log(`${cases[i].id}: start`);
      oursAll.push(
        await ours(
          cases[i],
          modes,
          () => handoffs[i].generated.resolve(),
          (r) => handoffs[i].firstOps.resolve(r),
        ),
      );
    }
  } catch (e) {
    for (const h of handoffs) h.firstOps.reject(e);
    throw e;
  }
  // The browser's expected count is ours (checked against tshark's in the table).
  const results: CaseResult[] = cases.map((c, i) => ({
    ...caseResult(c, oursAll[i], emptyRef()),
    browser: null,
  }));
  const browserNote = argv.includes('--no-browser')
    ? 'skipped (--no-browser)'
    : await measureBrowser(results, cases);
  const refs = await refLane;
  const final = cases.map((c, i) => ({ ...caseResult(c, oursAll[i], refs[i]), browser: results[i].browser }));
  const cpu = cpus();
  const bench: BenchResults = {
    date: new Date().toISOString(),
    size,
    runs: RUNS,
    browserRuns: BROWSER_RUNS,
    machine: {
      cpu: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      ramGiB: +(totalmem() / 2 ** 30).toFixed(1),
      node: process.version,
      tshark: tsharkAvailable ? firstLine(commandOutput('tshark', ['-v'])) : 'not installed',
      tcpdump: tcpdumpAvailable ? firstLine(commandOutput('tcpdump', ['--version'])) : 'not installed',
      chromium: firstLine(commandOutput('/usr/bin/chromium', ['--version'])) || 'not installed',
    },
    browserNote,
    totalSeconds: (performance.now() - t0) / 1000,
    cases: final,
  };
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(bench, null, 1));
  const md = renderResults(bench);
  writeFileSync(join(BENCH, 'RESULTS.md'), md);
  console.log(md);
}

function emptyRef(): Reference {
  return { load: null, loadFrames: 0, ops: new Map(), columns: null };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
