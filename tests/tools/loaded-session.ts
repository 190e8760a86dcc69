/**
 * A capture loaded as the app loads it: a session over the bytes in memory (so frames can be
 * dissected again), first pass without tree or columns, field columns and frame marks kept.
 */
import { memoryByteSource } from '../../src/core/capture/byte-source';
import { CaptureSession } from '../../src/core/session';

export function loadedSession(bytes: Uint8Array): CaptureSession {
  const s = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: { tree: false, columns: false },
  });
  s.push(bytes);
  s.finish();
  return s;
}
