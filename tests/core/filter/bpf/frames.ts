/** Test helpers: where the shared capture corpus is, and every frame of a capture through the project's reader. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCaptureBytes } from '../../../../src/core/capture/index';

/** `shared/captures` beside the repository (CI), else the workplace copy. */
export const CAPTURES = (() => {
  const beside = fileURLToPath(new URL('../../../../../shared/captures', import.meta.url));
  return existsSync(beside) ? beside : '/work/shared/captures';
})();

export interface Frame {
  /** 1-based frame number. */
  number: number;
  linktype: number;
  data: Uint8Array;
  caplen: number;
  origlen: number;
}

export function loadFrames(path: string): Frame[] {
  const frames: Frame[] = [];
  readCaptureBytes(new Uint8Array(readFileSync(path)), (rec, bytes, start) => {
    frames.push({
      number: rec.index + 1,
      linktype: rec.linktype,
      data: bytes.slice(start, start + rec.caplen),
      caplen: rec.caplen,
      origlen: rec.origlen,
    });
  });
  return frames;
}
