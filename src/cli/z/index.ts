import { conversationsHandler } from './conversations';
import { endpointsHandler } from './endpoints';
import { expertHandler } from './expert';
import { followHandler } from './follow';
import { httpTreeHandler } from './http-tree';
import { ioStatHandler } from './io-stat';
import { hierarchyHandler } from './protocol-hierarchy';
import type { ZHandler } from './types';

/** Every -z statistic the CLI knows; each lives in its own file in this folder. */
export const Z_HANDLERS: ZHandler[] = [
  conversationsHandler,
  endpointsHandler,
  ioStatHandler,
  expertHandler,
  hierarchyHandler,
  followHandler,
  httpTreeHandler,
];
