import { BoundsError, type Tvb } from '../../dissect/tvb';

/*
 * Wireshark lets a dissector shrink the reported length of the tvb it was given
 * (tvb_set_reported_length / set_actual_length) so that the link layer can show what follows
 * the PDU as padding or trailer. Our Tvb's bounds are immutable, so a dissector records the
 * length it claims in the tvb's `claimedLength` slot and the caller that created the tvb reads
 * it back after the call (a slot rather than a WeakMap: every IPv4 packet claims its length,
 * and a WeakMap entry per packet is costly to add and to collect).
 */

/**
 * tvb_set_reported_length: the PDU is `len` bytes long. A length beyond what the tvb reports
 * is a malformed packet, as in Wireshark.
 */
export function setReportedLength(tvb: Tvb, len: number): void {
  if (len > tvb.reportedLength) {
    throw new BoundsError('reported', `PDU length ${len} exceeds the ${tvb.reportedLength} bytes available`);
  }
  tvb.claimedLength = len;
}

/** set_actual_length: like setReportedLength, but silently ignores a length that does not shrink. */
export function setActualLength(tvb: Tvb, len: number): void {
  if (len < actualReportedLength(tvb)) tvb.claimedLength = len;
}

/** The reported length of `tvb` after any dissector shrank it. */
export function actualReportedLength(tvb: Tvb): number {
  return tvb.claimedLength >= 0 ? tvb.claimedLength : tvb.reportedLength;
}

/** The captured length of `tvb` after any dissector shrank it. */
export function actualCapturedLength(tvb: Tvb): number {
  return Math.min(tvb.length, actualReportedLength(tvb));
}

/**
 * Shrinks `tvb` to `len` bytes the way set_actual_length does and returns a view limited to them
 * (the dissector keeps working on the returned view so reads past the PDU fail as in Wireshark).
 * Returns `tvb` itself when `len` does not shrink it.
 */
export function shrinkTo(tvb: Tvb, len: number): Tvb {
  if (len >= tvb.reportedLength) return tvb;
  tvb.claimedLength = len;
  return tvb.sub(0, len, len);
}
