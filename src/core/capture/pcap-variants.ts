/**
 * The classic pcap "variants" and wiretap's heuristic for telling them apart.
 *
 * Several patched libpcaps (Alexey Kuznetzov's ss990417 / ss990915 / ss991029, Nokia IPSO) wrote
 * longer per-record headers, some under the standard magic number. tshark 4.0 therefore reads up
 * to three records of a standard-magic (or modified-magic) file under each candidate layout and
 * picks the first layout without anything suspicious, else the least suspicious one. Matching
 * tshark on damaged files requires doing the same: a corrupt early record can make tshark read the
 * whole file with 24-byte record headers.
 */

export enum PcapVariant {
  Standard,
  Nsec,
  Aix,
  Ss990417,
  Ss990915,
  Ss991029,
  Nokia,
}

/** Candidates tried for the standard magic, in wiretap's order. */
export const STANDARD_CANDIDATES: readonly PcapVariant[] = [
  PcapVariant.Standard,
  PcapVariant.Ss990417,
  PcapVariant.Nokia,
];
/** Candidates tried for the modified (Kuznetzov) magic 0xa1b2cd34. */
export const MODIFIED_CANDIDATES: readonly PcapVariant[] = [PcapVariant.Ss991029, PcapVariant.Ss990915];

/** Bytes of the per-record header for each variant. */
export function recordHeaderLength(v: PcapVariant): number {
  switch (v) {
    case PcapVariant.Ss990417:
    case PcapVariant.Ss991029:
      return 24;
    case PcapVariant.Ss990915:
      return 28;
    case PcapVariant.Nokia:
      return 20;
    default:
      return 16;
  }
}

/** Whether the variant stores nanoseconds (rather than microseconds) in the fraction field. */
export function variantIsNanosecond(v: PcapVariant): boolean {
  return v === PcapVariant.Nsec || v === PcapVariant.Aix;
}

/** How record lengths are stored: pre-2.3 files put orig_len before incl_len. */
export enum LengthOrder {
  Normal,
  Swapped,
  /** Version 2.3: swapped only when incl_len > orig_len. */
  MaybeSwapped,
}

/** What the heuristic needs to know about the file. */
export interface ProbeContext {
  littleEndian: boolean;
  lengthOrder: LengthOrder;
  snaplen: number;
  maxPacket: number;
}

/** Outcome of probing: a chosen variant, or how many bytes (from the first record) are needed. */
export type ProbeResult = { variant: PcapVariant; need: 0 } | { variant: undefined; need: number };

const TRIES = 3;
const ORIG_LEN_SANE = 128 * 1024 * 1024;
/** Marker returned by tryVariant when more input is needed. */
const NEED_MORE = -1;

/**
 * Chooses the variant as tshark 4.0 does. `bytes[off..end)` holds the file from its first record.
 * When `eof` is false and the decision needs more bytes, returns the amount needed.
 */
export function probeVariant(
  candidates: readonly PcapVariant[],
  ctx: ProbeContext,
  view: DataView,
  off: number,
  end: number,
  eof: boolean,
): ProbeResult {
  const merits: number[] = [];
  const needBox = { need: 0 };
  for (const v of candidates) {
    const m = tryVariant(v, ctx, view, off, end, eof, needBox);
    if (m === NEED_MORE) return { variant: undefined, need: needBox.need };
    if (m === 0) return { variant: v, need: 0 };
    merits.push(m);
  }
  let best = 0;
  for (let i = 1; i < merits.length; i++) if (merits[i] < merits[best]) best = i;
  return { variant: candidates[best], need: 0 };
}

/** Figure of demerit of reading the first records as `v` (0 = looks fine), or NEED_MORE. */
function tryVariant(
  v: PcapVariant,
  ctx: ProbeContext,
  view: DataView,
  off: number,
  end: number,
  eof: boolean,
  needBox: { need: number },
): number {
  const hdr = recordHeaderLength(v);
  const le = ctx.littleEndian;
  let pos = off;
  for (let i = 0; i < TRIES; i++) {
    const avail = end - pos;
    if (avail < hdr) {
      if (!eof) {
        needBox.need = pos - off + hdr;
        return NEED_MORE;
      }
      // A clean end of file counts as "fine"; a partial header as one problem.
      return avail === 0 ? 0 : 1;
    }
    const frac = view.getUint32(pos + 4, le);
    let incl = view.getUint32(pos + 8, le);
    let orig = view.getUint32(pos + 12, le);
    if (
      ctx.lengthOrder === LengthOrder.Swapped ||
      (ctx.lengthOrder === LengthOrder.MaybeSwapped && incl > orig)
    ) {
      const t = incl;
      incl = orig;
      orig = t;
    }
    let demerit = 0;
    if (frac >= (variantIsNanosecond(v) ? 1e9 : 1e6)) demerit++;
    if (incl > ctx.maxPacket) demerit++;
    if (orig > ORIG_LEN_SANE) demerit++;
    if (incl > ctx.snaplen) demerit++;
    if (incl > orig) demerit++;
    if (demerit !== 0) return demerit;
    if (avail < hdr + incl) {
      if (!eof) {
        needBox.need = pos - off + hdr + incl;
        return NEED_MORE;
      }
      return 1;
    }
    pos += hdr + incl;
  }
  return 0;
}
