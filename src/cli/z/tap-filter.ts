import { compileDisplayFilter, type DisplayFilter } from '../../core/filter/index';

/** A tap's own display filter (the text after the statistic's name), compiled. */
export interface TapFilter {
  /** The filter text as given, or null for none. */
  text: string | null;
  filter: DisplayFilter | null;
}

/** Compiles a tap filter; tshark treats an empty text as no filter. */
export function tapFilter(text: string | null | undefined): TapFilter | { error: string } {
  if (text === null || text === undefined || text === '') return { text: null, filter: null };
  const r = compileDisplayFilter(text);
  if (!r.ok) return { error: r.error.message };
  return { text, filter: r.value };
}
