import type { Remote } from 'comlink';
import type { StatsApi } from '../../worker/stats-api';
import { worker } from '../worker-client';

/**
 * The worker's statistics API (`stats`, attached in src/worker/index.ts). comlink resolves
 * `remote.stats.method()` by path at run time; its types would see a plain property as a
 * promised value, hence the cast to a remote object.
 */
export function statsApi(): Remote<StatsApi> {
  return (worker() as unknown as { stats: Remote<StatsApi> }).stats;
}
