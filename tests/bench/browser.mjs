/**
 * Browser-level benchmark in headless Chromium (run by tests/bench/run.ts):
 *
 *   node tests/bench/browser.mjs [--no-build] [--runs N] [--budget S] FILE:PACKETS:EXPECTED:FILTER ...
 *
 * For each capture, in a fresh browser context per run: the time from choosing the file (the
 * input's change event) to the first packet rows drawn and to the capture fully loaded (progress
 * bar gone, status bar counting PACKETS), the longest main-thread task while loading
 * (PerformanceObserver "longtask"), then the time to apply FILTER (Enter pressed → the status bar
 * shows the filter and no filtering progress) with the displayed count checked against EXPECTED
 * (tshark's count; -1: unknown), and the longest task while filtering. Times are taken inside
 * the page (performance.now on animation frames), so they include rendering. Prints one JSON
 * line: {available, note?, results: [{file, runs: [...]}]}. Up to N runs per capture (default 3), but
 * no new run once the runs so far took S seconds (loading + filtering) in all.
 *
 * A long task's duration is wall time: on a shared 2-core machine a task that computes 3 ms can
 * last 100 ms because the thread was descheduled. So loading and filtering are also traced
 * (Chromium's "toplevel" category only: one event per task, cheap) and each run reports the
 * longest main-thread task's thread (CPU) time, the CPU time of the longest-lasting task, and the
 * worker's CPU time while loading: *CpuMs fields, null when the trace had no such thread.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, build, launch, serve } from '../e2e/harness.mjs';

const CHROMIUM = '/usr/bin/chromium';

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const budgetAt = args.indexOf('--budget');
/** Seconds of loading + filtering per capture after which no further run starts. */
const budget = budgetAt >= 0 ? Number(args[budgetAt + 1]) : Infinity;
const specs = args
  .filter(
    (a, i) =>
      !a.startsWith('--') && !(runsAt >= 0 && i === runsAt + 1) && !(budgetAt >= 0 && i === budgetAt + 1),
  )
  .map((s) => {
    // FILE:PACKETS:EXPECTED:FILTER (the filter may contain colons).
    const [file, packets, expected, ...rest] = s.split(':');
    return { file, packets: Number(packets), expected: Number(expected), filter: rest.join(':') };
  });

if (!existsSync(CHROMIUM)) {
  console.log(JSON.stringify({ available: false, note: `${CHROMIUM} not found: browser benchmark skipped` }));
  process.exit(0);
}

/** Installed before the app's scripts: long-task log and the load/filter timers. */
function instrument() {
  const w = window;
  w.__bench = { tasks: [], change: null, firstRow: null, loaded: null, sawLoading: false };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.tasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('change', () => (w.__bench.change = performance.now()), true);
}

/** Task figures of one trace: the page renderer's main thread and its dedicated worker. */
function taskStats(buffer) {
  const events = JSON.parse(buffer.toString('utf8')).traceEvents ?? [];
  const names = new Map();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const worker = [...names].find(([, n]) => n === 'DedicatedWorker thread')?.[0];
  const pid = worker?.split(':')[0];
  const main = [...names].find(([k, n]) => n === 'CrRendererMain' && k.split(':')[0] === pid)?.[0];
  const tasks = (key) =>
    events.filter(
      (e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && `${e.pid}:${e.tid}` === key,
    );
  const m = main ? tasks(main) : [];
  const w = worker ? tasks(worker) : [];
  const longest = m.reduce((a, e) => (a && a.dur >= e.dur ? a : e), null);
  return {
    longestMainTaskCpuMs: m.length ? Math.max(...m.map((e) => (e.tdur ?? 0) / 1000)) : null,
    longestMainTaskWallMs: longest ? longest.dur / 1000 : null,
    longestMainTaskItsCpuMs: longest ? (longest.tdur ?? 0) / 1000 : null,
    mainCpuMs: m.length ? m.reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000 : null,
    workerCpuMs: w.length ? w.reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000 : null,
    workerBusyMs: w.length ? w.reduce((a, e) => a + e.dur, 0) / 1000 : null,
  };
}

/** Runs `fn` with the page traced; returns its result and the trace's task figures. */
async function traced(browser, page, fn) {
  await browser.startTracing(page, { categories: ['toplevel'] });
  let result;
  let buffer;
  try {
    result = await fn();
  } finally {
    buffer = await browser.stopTracing();
  }
  return { result, tasks: taskStats(buffer) };
}

async function measureLoad(page, spec) {
  await page.getByLabel('Open capture').setInputFiles(spec.file);
  // Poll on animation frames inside the page: the first data row with cells, then the end of
  // loading (the progress bar was shown and is gone, and the status bar counts every packet).
  return page.evaluate(
    (packets) =>
      new Promise((resolve, reject) => {
        const b = window.__bench;
        const deadline = performance.now() + 600_000;
        const tick = () => {
          const now = performance.now();
          if (b.firstRow === null) {
            const cell = document.querySelector(
              '[role="grid"][aria-label="Packet list"] [role="row"][aria-rowindex="2"] [role="gridcell"]:nth-child(5)',
            );
            if (cell && cell.textContent) b.firstRow = now;
          }
          const loading = document.querySelector('progress[aria-label="Loading capture"]');
          if (loading) b.sawLoading = true;
          const counts = document.querySelector('.status-counts')?.textContent ?? '';
          const m = /Packets: (\d+)/.exec(counts);
          if (b.firstRow !== null && !loading && m && Number(m[1]) === packets) {
            b.loaded = now;
            const during = b.tasks.filter((t) => t.start >= b.change - 1 && t.start <= b.loaded);
            resolve({
              firstRowsMs: b.firstRow - b.change,
              loadedMs: b.loaded - b.change,
              longestLoadTaskMs: Math.max(0, ...during.map((t) => t.ms)),
              longTasksWhileLoading: during.length,
              appLoadTime: document.querySelector('.status-load')?.textContent ?? '',
            });
            return;
          }
          if (now > deadline) {
            reject(new Error(`not loaded after 600 s: "${counts}"`));
            return;
          }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    spec.packets,
  );
}

async function measureFilter(page, spec) {
  const box = page.getByRole('textbox', { name: 'Display filter' });
  await box.fill(spec.filter);
  await page.evaluate(() => {
    const b = window.__bench;
    b.tasks.length = 0;
    const input = document.querySelector('input[aria-label="Display filter"]');
    input?.addEventListener('keydown', (e) => e.key === 'Enter' && (b.enter = performance.now()), {
      capture: true,
      once: true,
    });
  });
  await box.press('Enter');
  return page.evaluate(
    (text) =>
      new Promise((resolve, reject) => {
        const b = window.__bench;
        const deadline = performance.now() + 600_000;
        const tick = () => {
          const now = performance.now();
          const shown = document.querySelector('.status-filter')?.textContent?.replace(/^Filter: /, '');
          const busy = document.querySelector('progress[aria-label="Filtering"]');
          const invalid =
            document.querySelector('input[aria-label="Display filter"]')?.getAttribute('aria-invalid') ===
            'true';
          if (invalid) {
            reject(new Error(`filter "${text}" was rejected`));
            return;
          }
          if (shown === text && !busy) {
            const m = /Displayed: (\d+)/.exec(document.querySelector('.status-counts')?.textContent ?? '');
            resolve({
              filterMs: now - b.enter,
              displayed: m ? Number(m[1]) : -1,
              longestFilterTaskMs: Math.max(0, ...b.tasks.map((t) => t.ms)),
            });
            return;
          }
          if (now > deadline) {
            reject(new Error(`filter "${text}" not applied after 600 s`));
            return;
          }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    spec.filter,
  );
}

if (!noBuild) build();
const server = await serve(join(ROOT, 'dist'));
const baseUrl = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
const results = [];
try {
  for (const spec of specs) {
    const entry = { file: spec.file, filter: spec.filter, expected: spec.expected, runs: [], errors: [] };
    let spent = 0;
    for (let r = 0; r < runs && spent < budget * 1000; r++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      try {
        await page.addInitScript(instrument);
        await page.goto(baseUrl);
        await page.getByLabel('Open capture').waitFor();
        const { result: load, tasks: lt } = await traced(browser, page, () => measureLoad(page, spec));
        const { result: filter, tasks: ft } = await traced(browser, page, () => measureFilter(page, spec));
        entry.runs.push({
          ...load,
          ...filter,
          longestLoadTaskCpuMs: lt.longestMainTaskCpuMs,
          longestLoadTaskWall: { ms: lt.longestMainTaskWallMs, cpuMs: lt.longestMainTaskItsCpuMs },
          mainCpuMsLoading: lt.mainCpuMs,
          workerCpuMsLoading: lt.workerCpuMs,
          workerBusyMsLoading: lt.workerBusyMs,
          longestFilterTaskCpuMs: ft.longestMainTaskCpuMs,
          longestFilterTaskWall: { ms: ft.longestMainTaskWallMs, cpuMs: ft.longestMainTaskItsCpuMs },
          filterOk: spec.expected < 0 || filter.displayed === spec.expected,
        });
        spent += load.loadedMs + filter.filterMs;
      } catch (e) {
        entry.errors.push(String(e?.message ?? e));
        spent = Infinity;
      } finally {
        entry.errors.push(...errors);
        await context.close();
      }
    }
    results.push(entry);
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify({ available: true, results }));
