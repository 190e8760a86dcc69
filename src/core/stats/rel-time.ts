import type { PacketInfo } from '../dissect/packet-info';
import type { CaptureSession } from '../session';

/**
 * Times as Wireshark's statistics keep them: an nstime (seconds + nanoseconds of the same sign),
 * compared field by field and printed through a double (`nstime_to_sec`). Relative times are
 * kept as such pairs rather than one nanosecond count, because captures spanning years exceed
 * 2^53 ns.
 */
export interface NsTime {
  sec: number;
  nsec: number;
}

const NS_PER_S = 1e9;

/** a - b, normalised so that sec and nsec have the same sign (Wireshark's nstime_delta). */
export function nsDelta(aSec: number, aNsec: number, bSec: number, bNsec: number): NsTime {
  if (aSec === bSec) return { sec: 0, nsec: aNsec - bNsec };
  let sec = aSec - bSec;
  let nsec = aNsec - bNsec;
  if (aSec < bSec) {
    if (nsec > 0) {
      nsec -= NS_PER_S;
      sec++;
    }
  } else if (nsec < 0) {
    nsec += NS_PER_S;
    sec--;
  }
  return { sec, nsec };
}

/** Orders two times (nstime_cmp): seconds first, then nanoseconds. */
export function nsCompare(a: NsTime, b: NsTime): number {
  if (a.sec !== b.sec) return a.sec < b.sec ? -1 : 1;
  return a.nsec === b.nsec ? 0 : a.nsec < b.nsec ? -1 : 1;
}

/** Seconds as a double, exactly as nstime_to_sec computes them (printing it shows the same digits). */
export function nsToSeconds(t: NsTime): number {
  return t.sec + t.nsec / NS_PER_S;
}

/**
 * Microseconds from the start, rounded half up as tshark's io,stat rounds them; times before the
 * first frame (out-of-order files) count as 0.
 */
export function relativeMicros(t: NsTime): number {
  if (t.sec < 0 || t.nsec < 0) return 0;
  return t.sec * 1e6 + Math.floor((t.nsec + 500) / 1000);
}

/** Time of a frame since the capture's first frame. */
export function frameRelTime(pinfo: PacketInfo): NsTime {
  const c = pinfo.capture;
  return nsDelta(pinfo.tsSec, pinfo.tsNsec, c.firstSec, c.firstNsec);
}

/**
 * The capture's elapsed time as tshark keeps it (cf->elapsed_time): the largest time since the
 * first frame over the frames read (frames 1..upTo; all by default), never negative.
 */
export function captureElapsed(session: CaptureSession, upTo = session.index.count): NsTime {
  const ix = session.index;
  const n = Math.min(upTo, ix.count);
  let best: NsTime = { sec: 0, nsec: 0 };
  if (n === 0) return best;
  const fs = ix.tsSec[0];
  const fn = ix.tsNsec[0];
  for (let i = 1; i < n; i++) {
    const s = ix.tsSec[i];
    const ns = ix.tsNsec[i];
    // Cheap pre-check on seconds: only frames at or after the best so far can win.
    if (s - fs < best.sec) continue;
    const d = nsDelta(s, ns, fs, fn);
    if (nsCompare(d, best) > 0) best = d;
  }
  return best;
}
