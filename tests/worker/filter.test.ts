import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { memoryByteSource } from '../../src/core/capture/index';
import { compileDisplayFilter, type DisplayFilter } from '../../src/core/filter/index';
import type { FilterRun } from '../../src/core/index/filter-frames';
import { CaptureSession } from '../../src/core/session';
import { runDisplayFilter } from '../../src/worker/display-filter';
import { CancelToken } from '../../src/worker/scheduling';
import { CAPTURES, captureBytes, newWorker, open, oracleColumns, oracleFilters } from './helpers';

function compiled(text: string): DisplayFilter {
  const r = compileDisplayFilter(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.value;
}

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

  it('answers filters on indexed fields from the index, without dissecting a frame', async () => {
    const oracle = oracleFilters('http-basic');
    const bytes = captureBytes('http-basic.pcap');
    const w = newWorker();
    const { outcome } = await open(w, 'http-basic.pcap', bytes);
    const dissect = vi.spyOn(CaptureSession.prototype, 'dissect');
    try {
      for (const text of ['ip.addr == 192.168.1.100 and tcp.port == 80', 'ip.src == 192.168.1.10']) {
        dissect.mockClear();
        const r = await w.applyFilter(outcome.gen, text);
        expect([...(r.frames ?? [])], text).toEqual(oracle[text]);
        expect(dissect, text).not.toHaveBeenCalled();
      }
      // A filter on a field the index does not hold dissects (some) frames and still agrees.
      dissect.mockClear();
      const r = await w.applyFilter(outcome.gen, 'http.request');
      expect(dissect).toHaveBeenCalled();
      expect([...(r.frames ?? [])]).toEqual(oracle['http.request']);
    } finally {
      dissect.mockRestore();
    }

    // The same through runDisplayFilter, reading the run's counters.
    const session = new CaptureSession({
      source: memoryByteSource(bytes),
      firstPass: { tree: false, columns: false },
    });
    session.push(bytes);
    session.finish();
    const runs: FilterRun[] = [];
    const filter = compiled('tcp.analysis.retransmission || udp.port == 53');
    const frames = await runDisplayFilter(session, filter, new CancelToken(), undefined, (run) =>
      runs.push(run),
    );
    expect(runs[0].strategy).toBe('index');
    expect(runs[0].dissected).toBe(0);
    expect(runs[0].answered).toBe(session.frameCount);
    const brute: number[] = [];
    for (let num = 1; num <= session.frameCount; num++) {
      if (filter.matches(session.dissect(num, { tree: true, columns: false }))) brute.push(num);
    }
    expect([...(frames ?? [])]).toEqual(brute);
  });

  it('keeps dissecting for fields that need the display state, and can be cancelled', async () => {
    const bytes = captureBytes('http-basic.pcap');
    const session = new CaptureSession({
      source: memoryByteSource(bytes),
      firstPass: { tree: false, columns: false },
    });
    session.push(bytes);
    session.finish();
    const runs: FilterRun[] = [];
    const filter = compiled('frame.time_delta_displayed > 0.001 && ip.src == 192.168.1.10');
    const frames = await runDisplayFilter(session, filter, new CancelToken(), undefined, (run) =>
      runs.push(run),
    );
    expect(runs[0].strategy).toBe('dissect');
    expect(runs[0].dissected).toBe(session.frameCount);
    const brute: number[] = [];
    for (let num = 1; num <= session.frameCount; num++) {
      if (filter.matches(session.dissect(num, { tree: true, columns: false }))) brute.push(num);
    }
    expect(brute.length).toBeGreaterThan(0);
    expect([...(frames ?? [])]).toEqual(brute);
    const token = new CancelToken();
    token.cancel();
    const slow = runDisplayFilter(session, compiled('http'), token, undefined, (run) => {
      // One step per slice: the run stops at its first yield.
      run.step = ((step) => (budget: number) => {
        const end = performance.now() + 40;
        while (performance.now() < end);
        return step.call(run, budget);
      })(run.step);
    });
    expect(await slow).toBeNull();
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
