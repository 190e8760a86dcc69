import { describe, expect, it, vi } from 'vitest';
import {
  rttGraph,
  stevensGraph,
  tcptraceGraph,
  throughputGraph,
  windowScalingGraph,
} from '../../../src/core/stats/tcp-graphs';
import { recordTcpSegment, tcpSegmentTableOf } from '../../../src/core/stats/tcp-segments';
import { loadSession, oracleFields, oracleFilter } from './helpers';

/** fields.tsv rows of one stream, split by direction (A = sender of the stream's first frame). */
function streamRows(
  name: string,
  stream: number,
): { a: Record<string, string>[]; b: Record<string, string>[] } {
  const rows = oracleFields(name).filter((r) => r['tcp.stream'] === String(stream));
  const first = rows[0];
  const key = (r: Record<string, string>): string => `${r['ip.src'] || r['ipv6.src']}:${r['tcp.srcport']}`;
  const a = rows.filter((r) => key(r) === key(first));
  const b = rows.filter((r) => key(r) !== key(first));
  return { a, b };
}

describe('tcp graphs', () => {
  const cases = [
    ['http-loss', 'http-loss.pcap', 0],
    ['iperf-loss', 'iperf-loss.pcap', 1],
  ] as const;
  for (const [name, file, stream] of cases) {
    it(`${name} stream ${stream}: Stevens has one point per data segment, retransmissions marked`, () => {
      const s = loadSession(file);
      const retrans = new Set(oracleFilter(name, 'tcp.analysis.retransmission'));
      const { a, b } = streamRows(name, stream);
      for (const [dir, rows] of [
        ['AtoB', a],
        ['BtoA', b],
      ] as const) {
        const pts = stevensGraph(s, stream, dir);
        const data = rows.filter((r) => Number(r['tcp.len']) > 0);
        expect(pts.length, dir).toBe(data.length);
        pts.forEach((p, i) => {
          expect(p.frame).toBe(Number(data[i]['frame.number']));
          expect(p.seq).toBe(Number(data[i]['tcp.seq']));
          expect(p.nextSeq).toBe(Number(data[i]['tcp.nxtseq']));
          expect(p.retransmission).toBe(retrans.has(p.frame));
        });
        if (pts.length > 1) expect(pts[1].t).toBeGreaterThanOrEqual(pts[0].t);
      }
    });

    it(`${name} stream ${stream}: RTT, tcptrace and window lines come from the other side`, () => {
      const s = loadSession(file);
      const { a, b } = streamRows(name, stream);
      // The data flows B->A in http-loss (downloads) and A->B in iperf-loss (upload).
      const dir = name === 'http-loss' ? 'BtoA' : 'AtoB';
      const [mine, theirs] = dir === 'AtoB' ? [a, b] : [b, a];
      const rtt = rttGraph(s, stream, dir);
      const withRtt = theirs.filter((r) => r['tcp.analysis.ack_rtt'] !== '');
      expect(rtt.map((p) => p.frame)).toEqual(withRtt.map((r) => Number(r['frame.number'])));
      rtt.forEach((p, i) => {
        expect(p.rttMs).toBeCloseTo(Number(withRtt[i]['tcp.analysis.ack_rtt']) * 1000, 6);
        expect(p.ackedFrame).toBe(Number(withRtt[i]['tcp.analysis.acks_frame']));
      });
      const tt = tcptraceGraph(s, stream, dir);
      const acks = theirs.filter((r) => r['tcp.flags.ack'] === '1');
      expect(tt.acks.length).toBe(acks.length);
      expect(tt.window.length).toBe(acks.length);
      tt.window.forEach((w, i) =>
        expect(w.edge).toBe(Number(acks[i]['tcp.ack']) + Number(acks[i]['tcp.window_size'])),
      );
      const sacks = acks.flatMap((r) =>
        r['tcp.options.sack_le'] ? r['tcp.options.sack_le'].split(',') : [],
      );
      expect(tt.sacks.length).toBe(sacks.length);
      if (sacks.length > 0) expect(tt.sacks[0].left).toBe(Number(sacks[0]));
      const ws = windowScalingGraph(s, stream, dir);
      expect(ws.receiveWindow.length).toBe(theirs.filter((r) => r['tcp.window_size'] !== '').length);
      const bif = mine.filter((r) => r['tcp.analysis.bytes_in_flight'] !== '');
      expect(ws.bytesInFlight.map((p) => p.value)).toEqual(
        bif.map((r) => Number(r['tcp.analysis.bytes_in_flight'])),
      );
    });

    it(`${name} stream ${stream}: throughput is a moving average of the payload`, () => {
      const s = loadSession(file);
      const dir = name === 'http-loss' ? 'BtoA' : 'AtoB';
      const pts = stevensGraph(s, stream, dir);
      const w = (pts[pts.length - 1].t - pts[0].t) / 10;
      const tp = throughputGraph(s, stream, dir, w);
      expect(tp.length).toBe(pts.length);
      // Recompute one point by brute force, past the first second.
      const i = tp.findIndex((p) => p.t - tp[0].t > 1.5 * w);
      expect(i).toBeGreaterThan(0);
      let bytes = 0;
      for (let j = 0; j <= i; j++) if (tp[j].t > tp[i].t - w) bytes += tp[j].bytes;
      expect(tp[i].bitsPerSecond).toBeCloseTo((bytes * 8) / w, 3);
    });
  }

  it('with the first pass recording segments, graphs equal the re-dissected ones without re-dissecting', () => {
    for (const [name, file, stream] of cases) {
      const plain = loadSession(file);
      const recorded = loadSession(file, recordTcpSegment);
      const table = tcpSegmentTableOf(recorded.capture);
      expect(table.recordedUpTo, name).toBe(recorded.frameCount);
      const spy = vi.spyOn(recorded, 'dissect');
      for (const dir of ['AtoB', 'BtoA'] as const) {
        expect(stevensGraph(recorded, stream, dir), name).toEqual(stevensGraph(plain, stream, dir));
        expect(windowScalingGraph(recorded, stream, dir), name).toEqual(
          windowScalingGraph(plain, stream, dir),
        );
        expect(rttGraph(recorded, stream, dir), name).toEqual(rttGraph(plain, stream, dir));
      }
      // Only frames with more SACK blocks than the table keeps are dissected (for their tree).
      spy.mockClear();
      const dir = name === 'http-loss' ? 'BtoA' : 'AtoB';
      expect(tcptraceGraph(recorded, stream, dir), name).toEqual(tcptraceGraph(plain, stream, dir));
      const cut = [...table.sacksCut].filter((f) => table.dir[f] !== (dir === 'AtoB' ? 0 : 1));
      expect(spy.mock.calls.length, name).toBeLessThanOrEqual(cut.length);
      spy.mockRestore();
    }
  });

  it('an unknown stream gives empty graphs', () => {
    const s = loadSession('http-basic.pcap');
    expect(stevensGraph(s, 999, 'AtoB')).toEqual([]);
    expect(rttGraph(s, 999, 'BtoA')).toEqual([]);
    expect(tcptraceGraph(s, 999, 'AtoB').acks).toEqual([]);
  });
});
