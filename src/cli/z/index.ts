import type { ZHandler } from './types';

/** Every -z statistic the CLI knows; each lives in its own file in this folder. */
export const Z_HANDLERS: ZHandler[] = [];
