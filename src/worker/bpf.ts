import { compileBpf } from '../core/filter/bpf/index';
import * as verdict from '../core/index/bpf-columns';
import { ColumnDecisions, columnDecisions, compileForInterfaces } from '../core/index/bpf-frames';
import type { CaptureSession } from '../core/session';
import type { FilterCheck } from './types';

const LINKTYPE_ETHERNET = 1;

/** Checks a capture filter for the link types of the open capture (Ethernet when none is open). */
export function checkBpf(expr: string, session: CaptureSession | null): FilterCheck {
  if (expr.trim() === '') return { ok: true, empty: true };
  const ifaces = session?.info.interfaces ?? [];
  const linktypes = ifaces.length > 0 ? [...new Set(ifaces.map((i) => i.linktype))] : [LINKTYPE_ETHERNET];
  for (const lt of linktypes) {
    const r = compileBpf(expr, lt);
    if (!r.ok) {
      return { ok: false, message: r.error.message, from: r.error.from ?? 0, to: r.error.to ?? expr.length };
    }
  }
  return { ok: true, empty: false };
}

export type BpfMatcher = (num: number) => boolean;

/**
 * Compiles the expression once per capture interface (link type and snaplen differ between
 * pcapng interfaces) and returns a per-frame matcher: plain frames are decided from the field
 * columns (src/core/index/bpf-columns.ts), the others by the program on the frame's bytes.
 */
export function bpfMatcher(
  expr: string,
  session: CaptureSession,
): { ok: true; match: BpfMatcher } | { ok: false; message: string; from: number; to: number } {
  const compiled = compileForInterfaces(expr, session.info.interfaces);
  if (!compiled.ok) {
    const e = compiled.error;
    return { ok: false, message: e.message, from: e.from ?? 0, to: e.to ?? expr.length };
  }
  const filters = compiled.value;
  const ix = session.index;
  const cols = session.fieldColumns;
  // The frames the columns hold now are decided in one batch; frames loaded later, one by one.
  const known = Math.min(cols.count, ix.count);
  const batch = columnDecisions(filters, ix, cols, 1, known);
  const decisions = new ColumnDecisions(filters, ix, cols);
  // Locals, not import bindings, in the per-frame matcher.
  const ACCEPT = verdict.ACCEPT;
  const UNDECIDED = verdict.UNDECIDED;
  return {
    ok: true,
    match: (num) => {
      const f = filters[ix.iface[num - 1]];
      if (!f) return false;
      const r = num <= known ? batch[num - 1] : decisions.decide(num);
      if (r !== UNDECIDED) return r === ACCEPT;
      const bytes = session.frameBytes(num);
      return f.program.matches(bytes, 0, bytes.length, ix.origlen[num - 1]);
    },
  };
}
