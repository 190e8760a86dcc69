/**
 * Robustness: every file of shared/captures/tcpdump-tests (many fuzzed or deliberately
 * malformed) goes through the whole dissection — tree and columns — and no exception may
 * escape the core (bounds errors are turned into "[Malformed Packet]" / "[Packet size limited
 * during capture]" by the frame dissector; anything else is a bug). Files are dissected in a
 * worker so that a hang or a memory blow-up is reported against its file instead of killing
 * the run; frame counts must match tshark's (index.json).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CAPTURES_DIR } from './parity';
import type { DissectOutcome } from './tools/dissect-worker';

const DIR = join(CAPTURES_DIR, 'tcpdump-tests');
/** A single file may take this long before it counts as hung. */
const FILE_TIMEOUT_MS = 20_000;
const WORKER_HEAP_MB = 1024;

/**
 * Known failures of dissectors outside the link/network/transport group, tolerated here so
 * that the test keeps guarding everything else; each is printed on every run. Remove an entry
 * once its dissector is fixed.
 */
const KNOWN_PROBLEMS: Record<string, string> = {};

interface RunResult {
  outcomes: DissectOutcome[];
  /** Files that hung or exhausted the worker's memory. */
  killed: { file: string; why: string }[];
}

function runAll(files: string[]): Promise<RunResult> {
  const outcomes: DissectOutcome[] = [];
  const killed: RunResult['killed'] = [];
  return new Promise((resolve) => {
    const start = (remaining: string[]): void => {
      if (remaining.length === 0) {
        resolve({ outcomes, killed });
        return;
      }
      let current: string | null = null;
      let settled = false;
      const worker = new Worker(join(__dirname, 'tools/dissect-worker.mjs'), {
        workerData: { dir: DIR, files: remaining },
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      });
      let timer: NodeJS.Timeout | null = null;
      const arm = (): void => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => abort(`no result after ${FILE_TIMEOUT_MS} ms`), FILE_TIMEOUT_MS);
      };
      const next = (why: string): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        const i = current ? remaining.indexOf(current) : -1;
        if (current) killed.push({ file: current, why });
        start(remaining.slice(i + 1));
      };
      const abort = (why: string): void => {
        void worker.terminate();
        next(why);
      };
      arm();
      worker.on('message', (m: { started?: string; done?: DissectOutcome }) => {
        if (m.started) current = m.started;
        if (m.done) {
          outcomes.push(m.done);
          current = null;
        }
        arm();
      });
      worker.on('error', (e) => next(`${e.name}: ${e.message}`));
      worker.on('exit', () => {
        if (settled) return;
        if (current === null && outcomes.length >= files.length - killed.length) {
          settled = true;
          if (timer) clearTimeout(timer);
          resolve({ outcomes, killed });
        } else {
          next('worker exited');
        }
      });
    };
    start(files);
  });
}

const files = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((f) => /\.(pcap|pcapng|cap)(\.gz)?$/.test(f))
      .sort()
  : [];

describe.skipIf(files.length === 0)('robustness over the tcpdump test captures', () => {
  it('dissects every file, tree and columns, without an escaping exception', async () => {
    const { outcomes, killed } = await runAll(files);
    const errors = outcomes.filter((o) => o.error).map((o) => `${o.file}: ${o.error}`);
    const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as Record<
      string,
      { frames: number }
    >;
    const counts = outcomes
      .filter((o) => index[o.file] && index[o.file].frames !== o.frames)
      .map((o) => `${o.file}: ${o.frames} frames, tshark ${index[o.file].frames}`);
    const frames = outcomes.reduce((n, o) => n + o.frames, 0);
    console.log(
      `tcpdump-tests: ${outcomes.length} files, ${frames} frames dissected; ` +
        `${errors.length} with exceptions, ${killed.length} hung or out of memory`,
    );
    for (const [file, why] of Object.entries(KNOWN_PROBLEMS))
      console.log(`known problem, tolerated: ${file}: ${why}`);
    expect(killed.filter((k) => !KNOWN_PROBLEMS[k.file]).map((k) => `${k.file}: ${k.why}`)).toEqual([]);
    expect(errors.filter((e) => !KNOWN_PROBLEMS[e.split(':')[0]])).toEqual([]);
    expect(counts).toEqual([]);
  }, 600_000);
});
