import * as Comlink from 'comlink';
import type { WirelightWorker } from '../worker/api';

let remote: Comlink.Remote<WirelightWorker> | null = null;

/** The one analysis worker of the page, started on first use. */
export function worker(): Comlink.Remote<WirelightWorker> {
  if (!remote) {
    const w = new Worker(new URL('../worker/index.ts', import.meta.url), {
      type: 'module',
      name: 'wirelight',
    });
    remote = Comlink.wrap<WirelightWorker>(w);
  }
  return remote;
}

export const proxy = Comlink.proxy;
