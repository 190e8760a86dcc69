/**
 * DissectOptions.layers and .tcpAnalysis: a first pass can stop at the transport layer and run
 * without TCP sequence analysis (the benchmark's modes), without changing what it does learn.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tcpAnalysisFlags, tcpStreamOf } from '../../../src/core/analysis/tcp-analysis';
import type { DissectOptions, DissectedFrame } from '../../../src/core/dissect/frame';
import { CaptureSession } from '../../../src/core/session';

const CAPTURE = '/work/shared/captures/http-loss.pcap';

interface Seen {
  protocols: string[];
  streams: number[];
  flags: number[];
}

function load(opts: Partial<DissectOptions>): Seen {
  const seen: Seen = { protocols: [], streams: [], flags: [] };
  const s = new CaptureSession({
    firstPass: {
      tree: false,
      columns: false,
      ...opts,
      onFrame: (d: DissectedFrame) => {
        seen.protocols.push(d.pinfo.layers.join(':'));
      },
    },
  });
  s.push(readFileSync(CAPTURE));
  s.finish();
  for (let n = 1; n <= s.frameCount; n++) {
    seen.streams.push(tcpStreamOf(s.capture, n));
    seen.flags.push(tcpAnalysisFlags(s.capture, n));
  }
  return seen;
}

describe('first-pass options', () => {
  const full = load({});

  it("layers 'transport' hands TCP and UDP payloads to data, and keeps every layer below", () => {
    const t = load({ layers: 'transport' });
    expect(t.protocols.length).toBe(full.protocols.length);
    let withPayload = 0;
    for (let i = 0; i < full.protocols.length; i++) {
      const f = full.protocols[i].split(':');
      const k = f.findIndex((p) => p === 'tcp' || p === 'udp');
      if (k < 0) {
        expect(t.protocols[i]).toBe(full.protocols[i]);
        continue;
      }
      const cut = f.slice(0, k + 1).join(':');
      expect([cut, `${cut}:data`]).toContain(t.protocols[i]);
      if (t.protocols[i] !== cut) withPayload++;
    }
    expect(withPayload).toBeGreaterThan(0);
    // Transport-layer state is the same: streams and the sequence analysis.
    expect(t.streams).toEqual(full.streams);
    expect(t.flags).toEqual(full.flags);
    expect(full.protocols.some((p) => p.includes('http'))).toBe(true);
    expect(t.protocols.some((p) => p.includes('http'))).toBe(false);
  });

  it('tcpAnalysis false keeps the streams and records no analysis flags', () => {
    const t = load({ layers: 'transport', tcpAnalysis: false });
    expect(t.streams).toEqual(full.streams);
    expect(full.flags.some((f) => f !== 0)).toBe(true);
    expect(t.flags.every((f) => f === 0)).toBe(true);
  });
});
