/** Every payload-protocol scenario list, with the test folder that holds its fixtures. */
import { H1_SCENARIOS } from '../h1/scenarios';
import { JXTA_SCENARIOS } from '../jxta/scenarios';
import { S101_SCENARIOS } from '../s101/scenarios';
import { SIGCOMP_SCENARIOS } from '../sigcomp/scenarios';
import type { Scenario } from './harness';

export const SCENARIO_SETS: [URL, Scenario[]][] = [
  [new URL('../sigcomp/', import.meta.url), SIGCOMP_SCENARIOS],
  [new URL('../jxta/', import.meta.url), JXTA_SCENARIOS],
  [new URL('../h1/', import.meta.url), H1_SCENARIOS],
  [new URL('../s101/', import.meta.url), S101_SCENARIOS],
];
