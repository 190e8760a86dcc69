import { describe, expect, it } from 'vitest';
import { retransmissionSummary } from '../../../src/core/stats/retransmission-summary';
import { recordTcpSegment, tcpSegmentTableOf } from '../../../src/core/stats/tcp-segments';
import { loadSession, oracleFields, oracleFilter } from './helpers';

describe('retransmission summary', () => {
  for (const [name, file] of [
    ['http-loss', 'http-loss.pcap'],
    ['iperf-loss', 'iperf-loss.pcap'],
    ['tcp-failures', 'tcp-failures.pcap'],
  ] as const) {
    it(`${name}: counts match the oracle per capture and per stream`, () => {
      const sum = retransmissionSummary(loadSession(file));
      const rows = oracleFields(name).filter((r) => r['tcp.stream'] !== '' && !r['tcp.stream'].includes(','));
      const retrans = new Set(oracleFilter(name, 'tcp.analysis.retransmission'));
      const data = rows.filter((r) => Number(r['tcp.len']) > 0);
      expect(sum.capture.dataSegments).toBe(data.length);
      expect(sum.capture.retransmissions).toBe(retrans.size);
      expect(sum.capture.retransmittedData).toBe(
        data.filter((r) => retrans.has(Number(r['frame.number']))).length,
      );
      for (const c of sum.conversations) {
        const mine = data.filter((r) => Number(r['tcp.stream']) === c.stream);
        expect(c.dataSegments, `stream ${c.stream}`).toBe(mine.length);
        expect(c.retransmittedData).toBe(mine.filter((r) => retrans.has(Number(r['frame.number']))).length);
        expect(c.share).toBeCloseTo(c.dataSegments ? c.retransmittedData / c.dataSegments : 0, 12);
        expect(c.flagged).toBe(c.share > 0.01);
        expect(c.windows.reduce((n, v) => n + v, 0)).toBe(c.retransmittedData);
      }
      // Flagged conversations come first.
      const flags = sum.conversations.map((c) => c.flagged);
      expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    });
  }

  it('http-loss: the lossy downloads are flagged; uniform random loss reads as spread', () => {
    const sum = retransmissionSummary(loadSession('http-loss.pcap'));
    expect(sum.capture.flagged).toBe(true);
    expect(sum.capture.share).toBeGreaterThan(0.01);
    const big = sum.conversations.filter((c) => c.dataSegments > 1000);
    expect(big.length).toBeGreaterThanOrEqual(2);
    for (const c of big) {
      expect(c.flagged).toBe(true);
      expect(c.dispersion).not.toBeNull();
      expect(c.a).toMatch(/^192\.168\.1\.10:\d+$/);
      expect(c.b).toBe('192.168.1.100:80');
    }
  });

  it('tcp-failures: SYN retransmissions count, but carry no data', () => {
    const sum = retransmissionSummary(loadSession('tcp-failures.pcap'));
    const syn = sum.conversations.find((c) => c.b.endsWith(':9999'));
    expect(syn?.retransmissions).toBeGreaterThan(0);
    expect(syn?.dataSegments).toBe(0);
    expect(syn?.pattern).toBe('none');
    expect(syn?.flagged).toBe(false);
  });

  it('reads the same table whether the first pass recorded it or not', () => {
    const recorded = loadSession('iperf-loss.pcap', recordTcpSegment);
    const table = tcpSegmentTableOf(recorded.capture);
    expect(table.recordedUpTo).toBe(recorded.frameCount);
    expect(retransmissionSummary(recorded)).toEqual(retransmissionSummary(loadSession('iperf-loss.pcap')));
  });
});
