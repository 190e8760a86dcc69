import { err, type Result } from '../../base/result';
import type { DisplayFilter, FilterError } from './types';

export type { DisplayFilter, FilterError } from './types';

/** Compiles a Wireshark display filter. (The language itself lands with the display-filter issue.) */
export function compileDisplayFilter(text: string): Result<DisplayFilter, FilterError> {
  return err({ message: 'Display filters are not available in this build.', from: 0, to: text.length });
}
