import { compileBpf, type BpfProgram } from '../core/filter/bpf/index';
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
 * pcapng interfaces) and returns a per-frame matcher over the frame's captured bytes.
 */
export function bpfMatcher(
  expr: string,
  session: CaptureSession,
): { ok: true; match: BpfMatcher } | { ok: false; message: string; from: number; to: number } {
  const programs: BpfProgram[] = [];
  const ifaces = session.info.interfaces;
  for (let i = 0; i < ifaces.length; i++) {
    const r = compileBpf(expr, ifaces[i].linktype, ifaces[i].snaplen || undefined);
    if (!r.ok)
      return { ok: false, message: r.error.message, from: r.error.from ?? 0, to: r.error.to ?? expr.length };
    programs.push(r.value);
  }
  const ix = session.index;
  return {
    ok: true,
    match: (num) => {
      const i = num - 1;
      const prog = programs[ix.iface[i]];
      if (!prog) return false;
      const bytes = session.frameBytes(num);
      return prog.matches(bytes, 0, bytes.length, ix.origlen[i]);
    },
  };
}
