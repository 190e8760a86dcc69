import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAPTURES, captureBytes, newWorker, open, oracleColumns } from './helpers';

const bpfOracle = (name: string): Record<string, number[] | { error: string }> =>
  JSON.parse(readFileSync(`${CAPTURES}/oracle/${name}/bpf.json`, 'utf8')) as Record<
    string,
    number[] | { error: string }
  >;

describe('worker filtering, sorting and rows', () => {
  it('BPF filters select the frames tcpdump selects', async () => {
    for (const [name, file] of [
      ['http-basic', 'http-basic.pcap'],
      ['tcp-failures', 'tcp-failures.pcap'],
    ]) {
      const w = newWorker();
      const { outcome } = await open(w, file, captureBytes(file));
      for (const [expr, want] of Object.entries(bpfOracle(name))) {
        const r = await w.applyBpf(outcome.gen, expr);
        if (Array.isArray(want)) {
          expect(r.error, `${name}: ${expr}`).toBeUndefined();
          expect([...(r.frames ?? [])], `${name}: ${expr}`).toEqual(want);
        } else {
          expect(r.error?.message, `${name}: ${expr}`).toBeTruthy();
        }
      }
    }
  });

  it('reports a BPF syntax error with its position', async () => {
    const w = newWorker();
    await open(w, 'dns.pcap', captureBytes('dns.pcap'));
    const c = w.checkBpf('tcp port');
    expect(c.ok).toBe(false);
    expect(w.checkBpf('').ok).toBe(true);
  });

  it('"delta displayed" times are relative to the previous displayed frame', async () => {
    const w = newWorker();
    const { outcome } = await open(w, 'http-basic.pcap', captureBytes('http-basic.pcap'));
    const oracle = oracleColumns('http-basic');
    const f = await w.applyBpf(outcome.gen, 'arp');
    const frames = [...(f.frames ?? [])];
    expect(frames.length).toBe(2);
    const rows = w.rows({
      gen: outcome.gen,
      nums: Uint32Array.from(frames),
      timeFormat: 'delta',
      coloring: false,
    });
    expect(rows?.[0].time).toBe('0.000000');
    const t = (n: number): number => Number(oracle[n - 1][1]);
    expect(Number(rows?.[1].time)).toBeCloseTo(t(frames[1]) - t(frames[0]), 6);
    // Back to every frame: delta is to the previous captured frame again.
    await w.applyBpf(outcome.gen, '');
    const all = w.rows({ gen: outcome.gen, nums: Uint32Array.of(2), timeFormat: 'delta', coloring: false });
    expect(Number(all?.[0].time)).toBeCloseTo(t(2) - t(1), 6);
  });

  it('sorts the displayed frames by a column, ties in frame order', async () => {
    const w = newWorker();
    const { outcome } = await open(w, 'http-basic.pcap', captureBytes('http-basic.pcap'));
    const oracle = oracleColumns('http-basic');
    const byLen = await w.sort(outcome.gen, 'length', false);
    const lens = [...(byLen.frames ?? [])].map((n) => Number(oracle[n - 1][5]));
    expect(lens).toEqual([...lens].sort((a, b) => a - b));
    expect(byLen.frames?.length).toBe(oracle.length);
    const byProto = await w.sort(outcome.gen, 'protocol', true);
    const frames = [...(byProto.frames ?? [])];
    const protos =
      w
        .rows({ gen: outcome.gen, nums: Uint32Array.from(frames), timeFormat: 'relative', coloring: false })
        ?.map((r) => r.protocol) ?? [];
    expect(protos).toEqual([...protos].sort().reverse());
    for (let i = 1; i < frames.length; i++) {
      if (protos[i] === protos[i - 1]) expect(frames[i]).toBeGreaterThan(frames[i - 1]);
    }
  });

  it('builds filter expressions for tree items', async () => {
    const w = newWorker();
    const { outcome } = await open(w, 'http-basic.pcap', captureBytes('http-basic.pcap'));
    const d = w.details(outcome.gen, 1);
    const eth = d?.nodes.find((n) => n.abbrev === 'eth');
    expect(eth?.filter).toBe('eth');
    const dst = eth?.children?.find((n) => n.abbrev === 'eth.dst');
    expect(dst?.filter).toBe('eth.dst == ff:ff:ff:ff:ff:ff');
    expect(dst?.value).toBe('ff:ff:ff:ff:ff:ff');
    expect(dst?.pos).toBe(0);
    expect(dst?.len).toBe(6);
    const frame = d?.nodes[0];
    const len = frame?.children?.find((n) => n.abbrev === 'frame.len');
    expect(len?.filter).toBe('frame.len == 42');
  });

  it('field references read the selected frame', async () => {
    const w = newWorker();
    const { outcome } = await open(w, 'http-basic.pcap', captureBytes('http-basic.pcap'));
    const direct = await w.applyFilter(outcome.gen, 'ip.src == 192.168.1.10');
    const byRef = await w.applyFilter(outcome.gen, 'ip.src == ${ip.src}', undefined, 3);
    expect(byRef.error).toBeUndefined();
    expect(byRef.frames?.length).toBe(direct.frames?.length);
    expect(byRef.frames?.length).toBeGreaterThan(100);
  });

  it('completes field names, operators and values through the filter engine', () => {
    const w = newWorker();
    const c = w.complete('ip.sr', 5);
    expect(c.from).toBe(0);
    expect(c.to).toBe(5);
    expect(c.items.map((i) => i.text)).toContain('ip.src');
    const mid = w.complete('tcp && eth.ds == 1', 13);
    expect(mid.from).toBe(7);
    expect(mid.items.map((i) => i.label)).toContain('eth.dst');
    // After a field: its operators; after "field ==": the field's value names.
    const ops = w.complete('tcp.port ', 9).items.map((i) => i.label);
    expect(ops).toEqual(expect.arrayContaining(['==', '!=', '>=', 'in']));
    const vals = w.complete('tcp.flags.syn == ', 17).items.map((i) => i.label);
    expect(vals).toEqual(expect.arrayContaining(['True', 'False']));
  });
});
