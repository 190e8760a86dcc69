/**
 * The sequence analysis as the rest of the app queries it: after a tree-less first pass, per
 * frame, without re-dissecting (display filters, graphs, colouring rules).
 */
import { describe, expect, it } from 'vitest';
import {
  tcpAnalysisFlags,
  tcpConversation,
  tcpStreamCount,
  tcpStreamOf,
} from '../../../src/core/analysis/tcp-analysis';
import { TCP_A } from '../../../src/core/analysis/tcp-frame-store';
import { CaptureSession } from '../../../src/core/session';
import { buildPcap } from '../protocols/tcp/packet-builder';
import { SCENARIOS } from '../protocols/tcp/scenarios';

function load(name: string): CaptureSession {
  const s = new CaptureSession({ firstPass: { tree: false, columns: false } });
  s.push(buildPcap(SCENARIOS[name]));
  s.finish();
  return s;
}

/** Names of the TCP_A bits set in `flags`. */
function names(flags: number): string[] {
  return Object.entries(TCP_A)
    .filter(([, bit]) => flags & bit)
    .map(([n]) => n);
}

describe('TCP analysis queries', () => {
  it('classifies losses and retransmissions with Wireshark precedence', () => {
    const s = load('precedence');
    const f = (n: number): string[] => names(tcpAnalysisFlags(s.capture, n));
    expect(f(5)).toEqual([]);
    expect(f(6)).toEqual(['LOST_PACKET']);
    expect(f(9)).toEqual(['DUPLICATE_ACK']);
    expect(f(10)).toEqual(['DUPLICATE_ACK']);
    // Two duplicate ACKs for exactly this sequence number within 20 ms: fast, not plain.
    expect(f(11)).toEqual(['FAST_RETRANSMISSION']);
    // Data the receiver had already acknowledged.
    expect(f(13)).toEqual(['SPURIOUS_RETRANSMISSION']);
    // Arrives within the iRTT after the highest segment: out-of-order rather than retransmission.
    expect(f(16)).toEqual(['OUT_OF_ORDER']);
    // The same bytes 200 ms later: a retransmission.
    expect(f(17)).toEqual(['RETRANSMISSION']);
  });

  it('recognises zero-window probes, their ACKs and keep-alives', () => {
    const s = load('zerowindow');
    const f = (n: number): string[] => names(tcpAnalysisFlags(s.capture, n));
    expect(f(4)).toEqual(['WINDOW_FULL']);
    expect(f(5)).toEqual(['ZERO_WINDOW']);
    expect(f(6)).toEqual(['ZERO_WINDOW_PROBE']);
    expect(f(7)).toEqual(['ZERO_WINDOW', 'ZERO_WINDOW_PROBE_ACK']);
    expect(f(8)).toEqual(['WINDOW_UPDATE']);
    expect(f(11)).toEqual(['KEEP_ALIVE']);
    expect(f(12)).toEqual(['KEEP_ALIVE_ACK']);
    expect(f(13)).toEqual(['KEEP_ALIVE']);
  });

  it('starts a new stream when a SYN with a new ISN reuses the ports', () => {
    const s = load('reuse');
    expect(tcpStreamCount(s.capture)).toBe(2);
    expect([1, 2, 3, 4, 5, 6].map((n) => tcpStreamOf(s.capture, n))).toEqual([0, 0, 0, 0, 0, 0]);
    expect([7, 8, 9, 10, 11].map((n) => tcpStreamOf(s.capture, n))).toEqual([1, 1, 1, 1, 1]);
    expect(names(tcpAnalysisFlags(s.capture, 7))).toEqual(['REUSED_PORTS']);
    // The same SYN again is a retransmission in the new stream, not another reuse.
    expect(names(tcpAnalysisFlags(s.capture, 8))).toEqual(['RETRANSMISSION']);
    const c = tcpConversation(s.capture, 1);
    expect(c ? Array.from(c.frames.subarray(0, c.frameCount)) : []).toEqual([7, 8, 9, 10, 11]);
  });

  it('reports -1 for frames without TCP', () => {
    const s = load('midstream');
    expect(tcpStreamOf(s.capture, 999)).toBe(-1);
    expect(tcpAnalysisFlags(s.capture, 999)).toBe(0);
  });
});
