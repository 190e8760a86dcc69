import type { FilterError } from './types';

/**
 * A filter error as tshark prints it after "tshark: ": the message, then (when it has a location)
 * the filter indented by four spaces and a caret line "^~~~" under the offending text.
 */
export function formatFilterError(text: string, e: FilterError): string {
  if (e.noLocation) return e.message;
  const width = Math.max(1, e.to - e.from);
  return `${e.message}\n    ${text}\n    ${' '.repeat(e.from)}^${'~'.repeat(width - 1)}`;
}
