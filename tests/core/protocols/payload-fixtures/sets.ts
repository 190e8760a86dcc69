/** Every payload-protocol scenario list, with the test folder that holds its fixtures. */
import { SIGCOMP_SCENARIOS } from '../sigcomp/scenarios';
import type { Scenario } from './harness';

export const SCENARIO_SETS: [URL, Scenario[]][] = [
  [new URL('../sigcomp/', import.meta.url), SIGCOMP_SCENARIOS],
];
