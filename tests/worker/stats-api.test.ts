import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withStats, viewSeries, type NamedHierarchyNode } from '../../src/worker/stats-api';
import { CAPTURES, captureBytes, newWorker, oracleFilters, open } from './helpers';

function oracleStat(capture: string, file: string): string {
  return readFileSync(`${CAPTURES}/oracle/${capture}/stats/${file}`, 'utf8');
}

async function opened(file: string) {
  const w = withStats(newWorker());
  const { outcome } = await open(w, file, captureBytes(file));
  return { w, gen: outcome.gen };
}

/** "eth frames:379 bytes:321490" lines of -z io,phs, indented two spaces per level. */
function phsLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => /frames:\d+ bytes:\d+/.test(l))
    .map((l) => {
      const m = /^( *)(\S+)\s+frames:(\d+) bytes:(\d+)/.exec(l);
      return m ? `${m[1].length / 2} ${m[2]} ${m[3]} ${m[4]}` : l;
    });
}

function flatten(n: NamedHierarchyNode, depth: number, out: string[]): string[] {
  for (const c of n.children) {
    out.push(`${depth} ${c.proto} ${c.frames} ${c.bytes}`);
    flatten(c, depth + 1, out);
  }
  return out;
}

describe('worker stats API', () => {
  it('gives the conversation and endpoint tables of -z conv / endpoints (http-basic)', async () => {
    const { w, gen } = await opened('http-basic.pcap');
    const t = await w.stats.tables(gen);
    expect(t).not.toBeNull();
    if (!t) return;
    const tcp = t.conversations.tcp ?? [];
    const lines = oracleStat('http-basic', 'conv_tcp.txt')
      .split('\n')
      .filter((l) => l.includes('<->'));
    expect(tcp.length).toBe(lines.length);
    for (let i = 0; i < lines.length; i++) {
      const m = /^(\S+):(\d+)\s+<->\s+(\S+):(\d+)\s+(\d+) .*?\s(\d+) .*?\s(\d+) /.exec(lines[i]);
      expect(m, lines[i]).not.toBeNull();
      if (!m) continue;
      const r = tcp[i];
      expect(`${r.a}:${r.portA} ${r.b}:${r.portB}`).toBe(`${m[1]}:${m[2]} ${m[3]}:${m[4]}`);
      expect([r.framesBtoA, r.framesAtoB, r.frames]).toEqual([Number(m[5]), Number(m[6]), Number(m[7])]);
    }
    const ends = t.endpoints.ip ?? [];
    const eLines = oracleStat('http-basic', 'endpoints_ip.txt')
      .split('\n')
      .filter((l) => /^\d+\.\d+\.\d+\.\d+\s/.test(l));
    expect(
      ends.map((e) => [e.address, e.frames, e.bytes, e.txFrames, e.txBytes, e.rxFrames, e.rxBytes].join(' ')),
    ).toEqual(eLines.map((l) => l.trim().split(/\s+/).join(' ')));
    // Cached: the same object comes back for the same capture.
    expect(await w.stats.tables(gen)).toBe(t);
  });

  it('gives the protocol hierarchy of -z io,phs with protocol names (http-basic)', async () => {
    const { w, gen } = await opened('http-basic.pcap');
    const h = await w.stats.hierarchy(gen);
    expect(h).not.toBeNull();
    if (!h) return;
    expect(flatten(h.root, 0, [])).toEqual(phsLines(oracleStat('http-basic', 'io_phs.txt')));
    expect(h.root.children[0].name).toBe('Ethernet');
    expect(h.duration).toBeCloseTo(1.683797, 5);
  });

  it("I/O graph at 1 s gives io,stat's frames and bytes; the retransmission series counts tshark's", async () => {
    const { w, gen } = await opened('http-loss.pcap');
    const g = await w.stats.ioGraph(gen, {
      series: [
        { name: 'All', filter: '' },
        { name: 'Retrans', filter: 'tcp.analysis.retransmission' },
      ],
      intervalUs: 1e6,
      maxPoints: 1000,
    });
    expect(g).not.toBeNull();
    if (!g) return;
    const rows = oracleStat('http-loss', 'io_stat_1.txt')
      .split('\n')
      .map((l) => /^\|\s*\d+ <> \S+\s*\|\s*(\d+) \|\s*(\d+) \|/.exec(l))
      .filter((m) => m !== null);
    expect([...g.series[0].packets]).toEqual(rows.map((m) => Number(m[1])));
    expect([...g.series[0].bytes]).toEqual(rows.map((m) => Number(m[2])));
    const retrans = oracleFilters('http-loss')['tcp.analysis.retransmission'] as number[];
    expect(g.series[1].packets.reduce((a, b) => a + b, 0)).toBe(retrans.length);
    expect(g.auto).toBe(false);
    const auto = await w.stats.ioGraph(gen, { series: [{ name: 'All', filter: '' }], maxPoints: 100 });
    expect(auto?.auto).toBe(true);
    expect(auto?.time.length).toBeLessThanOrEqual(100);
    // A display-filter series dissects every frame in slices, with progress, to the same counts.
    const progress: number[] = [];
    const f = await w.stats.ioGraph(
      gen,
      {
        series: [{ name: 'Retrans', filter: 'tcp.analysis.retransmission || frame.number == 1' }],
        intervalUs: 1e6,
        maxPoints: 1000,
      },
      (p) => progress.push(p.done),
    );
    expect(f?.series[0].packets.reduce((a, b) => a + b, 0)).toBe(
      retrans.length + (retrans.includes(1) ? 0 : 1),
    );
    expect(progress[progress.length - 1]).toBe(rows.reduce((a, m) => a + Number(m[1]), 0));
  });

  it('TCP graphs: totals of the whole stream, at most maxPoints drawn, every retransmission kept (iperf-loss)', async () => {
    const { w, gen } = await opened('iperf-loss.pcap');
    const retrans = new Set(oracleFilters('iperf-loss')['tcp.analysis.retransmission'] as number[]);
    const r = w.stats.tcpGraph(gen, { kind: 'stevens', stream: 1, dir: null, maxPoints: 500 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.view;
    expect(v.dir).toBe('AtoB');
    const seg = v.series.find((s) => s.id === 'segments');
    const re = v.series.find((s) => s.id === 'retransmissions');
    expect(seg?.total).toBe(6722);
    expect(seg?.points.length).toBeLessThanOrEqual(500);
    expect(re?.total).toBe(85);
    expect(re?.points.length).toBe(85);
    for (const p of re?.points ?? []) expect(retrans.has(p.frame)).toBe(true);
    // Zoomed into a tenth of the time: fewer points in range, all drawn when they fit.
    const { x0, x1 } = v.full;
    const z = w.stats.tcpGraph(gen, {
      kind: 'stevens',
      stream: 1,
      dir: 'AtoB',
      range: { ...v.full, x1: x0 + (x1 - x0) / 10 },
      maxPoints: 5000,
    });
    if (!z.ok) throw new Error(z.message);
    const zs = z.view.series.find((s) => s.id === 'segments');
    expect(zs?.inRange).toBeLessThan(6722);
    expect(zs?.points.length).toBe(zs?.inRange);
    const bad = w.stats.tcpGraph(gen, { kind: 'rtt', stream: 99, dir: null, maxPoints: 10 });
    expect(bad.ok).toBe(false);
  });

  it('viewSeries keeps the envelope of each bucket and a step line reaches the range edges', () => {
    const n = 1000;
    const s = {
      id: 'x',
      name: 'x',
      style: 'step' as const,
      axis: 'left' as const,
      t: Float64Array.from({ length: n }, (_, i) => i),
      y: Float64Array.from({ length: n }, (_, i) => (i % 10) * 10),
      y2: Float64Array.from({ length: n }, (_, i) => (i % 10) * 10),
      frame: Uint32Array.from({ length: n }, (_, i) => i + 1),
    };
    const v = viewSeries(s, { x0: 100, x1: 199, y0: 0, y1: 1000 }, 20);
    expect(v.inRange).toBe(100);
    // 10 buckets x (min, max) + one point each side.
    expect(v.points.length).toBe(22);
    expect(v.points[0].t).toBe(99);
    expect(v.points[v.points.length - 1].t).toBe(200);
    expect(Math.max(...v.points.map((p) => p.y))).toBe(90);
    expect(Math.min(...v.points.map((p) => p.y))).toBe(0);
  });
});
