/**
 * Running the benchmark's child processes: our measurement scripts (JSON on the last stdout
 * line) and the reference tools (tshark, tcpdump) under GNU time for CPU time and peak RSS.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';

export interface ToolRun {
  /** Wall time (ms). */
  ms: number;
  /** User + system CPU time (ms), from GNU time. */
  cpuMs: number;
  rssMb: number;
  status: number | null;
  /** Standard output, saved to this file. */
  outFile: string;
}

/** Runs `cmd args` under /usr/bin/time with stdout to `outFile`; resolves when it exits. */
export function runTool(cmd: string, args: string[], outFile: string): Promise<ToolRun> {
  const timeFile = `${outFile}.time`;
  const out = openSync(outFile, 'w');
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-o', timeFile, '-f', '%U %S %M', cmd, ...args], {
      stdio: ['ignore', out, 'ignore'],
    });
    child.on('error', (e) => {
      closeSync(out);
      reject(e);
    });
    child.on('close', (status) => {
      const ms = performance.now() - t0;
      closeSync(out);
      const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
      rmSync(timeFile, { force: true });
      const [user, sys, rssKb] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
      resolve({ ms, cpuMs: (user + sys) * 1000 || 0, rssMb: rssKb / 1024 || 0, status, outFile });
    });
  });
}

/** Runs a TypeScript child script with tsx and parses the JSON of its last stdout line. */
export function runChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (status !== 0 || !last.startsWith('{')) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${status}: ${stderr.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(last) as T);
    });
  });
}

/** Runs a plain command and returns its stdout (empty when it fails). */
export function commandOutput(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout ?? '') + (r.stderr ?? '') : '';
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs a command without blocking the event loop; resolves with its exit status and output. */
export function capture(
  cmd: string,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
