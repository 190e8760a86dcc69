import { TCP_A } from '../analysis/tcp-frame-store';
import { tcpAnalysisFlags, tcpConversation, tcpStreamCount } from '../analysis/tcp-analysis';
import { endpointText } from '../analysis/follow';
import type { CaptureSession } from '../session';
import { tcpSegments } from './tcp-segments';

/** Share of retransmitted data segments above which a conversation is flagged. */
export const RETRANSMISSION_FLAG_SHARE = 0.01;
/** Windows the data segments are split into for the clustering statistic. */
export const CLUSTER_WINDOWS = 10;
/** Fewer retransmitted segments than this give no verdict on clustering. */
export const CLUSTER_MIN_EVENTS = 5;
/** Index of dispersion at or above which retransmissions count as clustered. */
export const CLUSTER_DISPERSION = 2;

const RETRANS = TCP_A.RETRANSMISSION | TCP_A.FAST_RETRANSMISSION | TCP_A.SPURIOUS_RETRANSMISSION;

export type RetransmissionPattern = 'none' | 'too-few' | 'clustered' | 'spread';

export interface RetransmissionStats {
  /** Segments carrying payload (tcp.len > 0). */
  dataSegments: number;
  /** Segments flagged tcp.analysis.retransmission (plain, fast or spurious), with or without payload. */
  retransmissions: number;
  /** Retransmitted segments that carry payload. */
  retransmittedData: number;
  /** retransmittedData / dataSegments (0 without data). */
  share: number;
  /** share > 1 %. */
  flagged: boolean;
  /**
   * Clustering: the data segments, in capture order, are cut into CLUSTER_WINDOWS windows of
   * equal segment count and the retransmitted data segments counted per window. If every
   * segment were equally likely to be retransmitted, the counts would be (nearly) binomial and
   * their index of dispersion (variance / mean) about 1; retransmissions concentrated in a few
   * windows (a loss burst, a stall) give a much larger one. Counting per data segment rather
   * than per second keeps bursty traffic from looking like bursty loss.
   */
  dispersion: number | null;
  pattern: RetransmissionPattern;
  /** Retransmitted data segments per window (what `dispersion` was computed from). */
  windows: number[];
}

export interface ConversationRetransmissions extends RetransmissionStats {
  stream: number;
  /** "addr:port" of the side that sent the stream's first frame, and of the other side. */
  a: string;
  b: string;
  firstFrame: number;
}

export interface RetransmissionSummary {
  capture: RetransmissionStats;
  /** Every TCP conversation, flagged ones first then by share (descending). */
  conversations: ConversationRetransmissions[];
}

/** Accumulates one scope (capture or conversation) in frame order. */
class Scope {
  dataSegments = 0;
  retransmissions = 0;
  retransmittedData = 0;
  /** Per data segment (in order): 1 if it was a retransmission. */
  readonly marks: number[] = [];

  add(seglen: number, retrans: boolean): void {
    if (retrans) this.retransmissions++;
    if (seglen <= 0) return;
    this.dataSegments++;
    if (retrans) this.retransmittedData++;
    this.marks.push(retrans ? 1 : 0);
  }

  stats(): RetransmissionStats {
    const share = this.dataSegments > 0 ? this.retransmittedData / this.dataSegments : 0;
    const k = Math.min(CLUSTER_WINDOWS, this.dataSegments);
    const windows = new Array<number>(k).fill(0);
    for (let i = 0; i < this.marks.length; i++) {
      if (this.marks[i]) windows[Math.min(k - 1, Math.floor((i * k) / this.marks.length))]++;
    }
    let dispersion: number | null = null;
    let pattern: RetransmissionPattern = 'none';
    if (this.retransmittedData > 0) pattern = 'too-few';
    if (this.retransmittedData >= CLUSTER_MIN_EVENTS && k > 1) {
      const mean = this.retransmittedData / k;
      let v = 0;
      for (const c of windows) v += (c - mean) ** 2;
      dispersion = v / k / mean;
      pattern = dispersion >= CLUSTER_DISPERSION ? 'clustered' : 'spread';
    }
    return {
      dataSegments: this.dataSegments,
      retransmissions: this.retransmissions,
      retransmittedData: this.retransmittedData,
      share,
      flagged: share > RETRANSMISSION_FLAG_SHARE,
      dispersion,
      pattern,
      windows,
    };
  }
}

/**
 * Retransmissions per capture and per TCP conversation, from the TCP analysis of the first
 * pass (flags) and the segment table (payload lengths; no protocol tree is built).
 */
export function retransmissionSummary(session: CaptureSession): RetransmissionSummary {
  const segs = tcpSegments(session);
  const capture = new Scope();
  const n = tcpStreamCount(session.capture);
  const scopes: Scope[] = [];
  for (let s = 0; s < n; s++) scopes.push(new Scope());
  for (let s = 0; s < n; s++) {
    const conv = tcpConversation(session.capture, s);
    if (!conv) continue;
    for (let i = 0; i < conv.frameCount; i++) {
      const f = conv.frames[i];
      const retrans = (tcpAnalysisFlags(session.capture, f) & RETRANS) !== 0;
      scopes[s].add(segs.lenOf(f), retrans);
    }
  }
  // The capture scope walks frames in file order (the streams' frame lists interleave).
  for (let f = 1; f <= session.frameCount; f++) {
    const len = segs.lenOf(f);
    if (len < 0) continue;
    capture.add(len, (tcpAnalysisFlags(session.capture, f) & RETRANS) !== 0);
  }
  const conversations: ConversationRetransmissions[] = [];
  for (let s = 0; s < n; s++) {
    const conv = tcpConversation(session.capture, s);
    if (!conv) continue;
    conversations.push({
      stream: s,
      a: endpointText(conv.addrA, conv.portA),
      b: endpointText(conv.addrB, conv.portB),
      firstFrame: conv.frameCount > 0 ? conv.frames[0] : 0,
      ...scopes[s].stats(),
    });
  }
  conversations.sort(
    (x, y) => Number(y.flagged) - Number(x.flagged) || y.share - x.share || x.stream - y.stream,
  );
  return { capture: capture.stats(), conversations };
}
