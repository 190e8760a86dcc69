import { describe, expect, it } from 'vitest';
import { parseIoStat } from '../../../src/cli/z/io-stat';
import { fieldByAbbrev } from '../../../src/core/dissect/fields';
import { CALC, IoStatColumn } from '../../../src/core/stats/io-stat';
import { nsCompare, nsDelta, nsToSeconds, relativeMicros } from '../../../src/core/stats/rel-time';
import '../../../src/core/protocols/index';

describe('io,stat columns keep tshark cells', () => {
  it('counts a frame from the past in the latest interval', () => {
    const c = new IoStatColumn(CALC.FRAMES_AND_BYTES, null, 1_000_000);
    c.add(0, 60, []);
    c.add(2_500_000, 70, []);
    c.add(1_000_000, 80, []); // earlier than interval 2: tshark adds it to interval 2
    expect(c.frames).toEqual([1, 0, 2]);
    expect(c.counter).toEqual([60, 0, 150]);
    expect(c.maxFrames).toBe(2);
    expect(c.maxValue).toBe(150);
  });

  it('whole-capture interval keeps one cell', () => {
    const c = new IoStatColumn(CALC.FRAMES_AND_BYTES, null, Infinity);
    for (let i = 0; i < 5; i++) c.add(i * 1e9, 10, []);
    expect(c.frames).toEqual([5]);
  });

  it('MIN starts from the first frame of an interval even without the field', () => {
    const len = fieldByAbbrev('frame.len');
    const c = new IoStatColumn(CALC.MIN, len ?? null, 1_000_000);
    c.add(0, 100, []); // no value: the cell stays 0 ...
    c.add(10, 100, [300]);
    c.add(20, 100, [200]);
    expect(c.counter[0]).toBe(0); // ... and 0 stays the minimum
    c.add(1_000_000, 100, [300]);
    c.add(1_000_010, 100, [200]);
    expect(c.counter[1]).toBe(200);
  });

  it('AVG divides by the values seen, SUM and MAX accumulate', () => {
    const len = fieldByAbbrev('frame.len') ?? null;
    const avg = new IoStatColumn(CALC.AVG, len, 1_000_000);
    avg.add(0, 0, [10, 20]);
    avg.add(1, 0, []);
    avg.add(2, 0, [31]);
    expect(avg.counter[0] / avg.num[0]).toBeCloseTo(61 / 3);
    expect(avg.maxValue).toBe(20); // running maximum of the integer average
    const max = new IoStatColumn(CALC.MAX, len, 1_000_000);
    max.add(0, 0, [5, 9, 7]);
    expect(max.counter[0]).toBe(9);
  });

  it('LOAD spreads a response time back over earlier intervals, wrapping to the last', () => {
    const delta = fieldByAbbrev('frame.time_delta') ?? null;
    const c = new IoStatColumn(CALC.LOAD, delta, 1_000_000);
    c.add(0, 0, []);
    // 2.5 s ending in interval 2: the remainder (of the interval length) stays there, whole
    // intervals go to the ones before, whatever the frame's offset inside its interval.
    c.add(2_100_000, 0, [2_500_000_000]);
    expect(c.counter).toEqual([1_000_000, 1_000_000, 500_000]);
    const w = new IoStatColumn(CALC.LOAD, delta, 1_000_000);
    w.add(0, 0, [1_500_000_000]); // goes back past interval 0: wraps to the last (itself)
    expect(w.counter).toEqual([1_500_000]);
  });
});

describe('io,stat arguments', () => {
  it('reads the interval and its precision', () => {
    const p = (a: string): { us: number; prec: number; cols: number } => {
      const r = parseIoStat(a);
      if ('error' in r) throw new Error(r.error);
      return { us: r.intervalUs, prec: r.prec, cols: r.columns.length };
    };
    expect(p('io,stat,1')).toEqual({ us: 1e6, prec: 0, cols: 1 });
    expect(p('io,stat,0.25')).toEqual({ us: 250_000, prec: 2, cols: 1 });
    expect(p('io,stat,1.00,tcp')).toEqual({ us: 1e6, prec: 2, cols: 1 });
    expect(p('io,stat,0')).toEqual({ us: Infinity, prec: 0, cols: 1 });
    expect(p('io,stat,1,,tcp')).toEqual({ us: 1e6, prec: 0, cols: 2 });
    expect(p('io,stat,-1')).toEqual({ us: Infinity, prec: 0, cols: 1 }); // tshark: an enormous interval
  });

  it('parses calculations and rejects bad ones', () => {
    const r = parseIoStat('io,stat,1,SUM(frame.len)frame.len>100,FRAMES,COUNT(frame.number)');
    if ('error' in r) throw new Error(r.error);
    expect(r.columns.map((c) => [c.calc, c.field?.abbrev ?? null, c.filter])).toEqual([
      [CALC.SUM, 'frame.len', 'frame.len>100'],
      [CALC.FRAMES, null, null], // a bare name takes no filter (even "FRAMESudp")
      [CALC.COUNT, 'frame.number', ''],
    ]);
    for (const bad of [
      'io,stat,x',
      'io,stat,1,SUM(frame.len',
      'io,stat,1,COUNT()',
      'io,stat,1,FRAMES(frame.len)',
      'io,stat,0.0000001',
    ]) {
      expect('error' in parseIoStat(bad), bad).toBe(true);
    }
  });
});

describe('relative times', () => {
  it('normalise like nstime_delta and convert like nstime_to_sec', () => {
    expect(nsDelta(10, 200, 9, 900)).toEqual({ sec: 0, nsec: 999_999_300 });
    expect(nsDelta(9, 500_000_000, 10, 0)).toEqual({ sec: 0, nsec: -500_000_000 });
    expect(nsDelta(8, 900_000_000, 10, 0)).toEqual({ sec: -1, nsec: -100_000_000 });
    expect(nsCompare({ sec: 1, nsec: 5 }, { sec: 1, nsec: 7 })).toBe(-1);
    expect(nsToSeconds({ sec: 24251275, nsec: 117830000 }).toFixed(9)).toBe('24251275.117830001');
    expect(relativeMicros({ sec: 1, nsec: 999_999_500 })).toBe(2_000_000);
    expect(relativeMicros({ sec: 0, nsec: -5 })).toBe(0);
  });
});
