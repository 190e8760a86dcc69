/**
 * Worker for the robustness test: dissects capture files one after another with the tree and
 * the columns on (the whole dissection, as `-T fields` does) and reports each file's outcome
 * to the parent, which watches for hangs and memory blow-ups.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { CaptureSession } from '../../../src/core/session';
import { frameSummary } from '../../../src/core/summary';

export interface DissectOutcome {
  file: string;
  frames: number;
  /** An exception that escaped the core (a bug), with the frame it happened in. */
  error?: string;
}

const { dir, files } = workerData as { dir: string; files: string[] };

for (const file of files) {
  parentPort?.postMessage({ started: file });
  const bytes = new Uint8Array(readFileSync(join(dir, file)));
  let frames = 0;
  const out: DissectOutcome = { file, frames: 0 };
  try {
    const session: CaptureSession = new CaptureSession({
      firstPass: {
        tree: true,
        columns: true,
        onFrame: (d, input) => {
          frames++;
          frameSummary(d, input, session.capture, session.info.tsPrecision, 'relative');
        },
      },
    });
    for (let off = 0; off < bytes.length; off += 1 << 16) session.push(bytes.subarray(off, off + (1 << 16)));
    session.finish();
  } catch (e) {
    const err = e as Error;
    out.error = `frame ${frames + 1}: ${err.name}: ${err.message} ${(err.stack ?? '').split('\n').slice(1, 4).join(' ')}`;
  }
  out.frames = frames;
  parentPort?.postMessage({ done: out });
}
