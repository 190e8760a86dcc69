/**
 * A first pass whose onFrame consumer promises to keep nothing (onFrameTransient, as the
 * worker's loader does with recordTcpSegment) reuses one PacketInfo and the protocols' scratch
 * objects. The consumer must still see every frame as a fresh-object pass shows it: the TCP
 * segment table it fills, the frame.protocols it reads and the first-pass expert items match.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryByteSource } from '../../src/core/capture/byte-source';
import type { DissectedFrame } from '../../src/core/dissect/frame';
import { CaptureSession } from '../../src/core/session';
import { recordTcpSegment, tcpSegmentTableOf } from '../../src/core/stats/tcp-segments';

const DIR = process.env.WIRELIGHT_CAPTURES ?? join(__dirname, '../../../shared/captures');
const FILES = ['http-loss.pcap', 'iperf-loss.pcap', 'mixed.pcapng', 'tcp-failures.pcap', 'ipv6-http.pcapng']
  .map((f) => join(DIR, f))
  .filter((f) => existsSync(f));

function load(bytes: Uint8Array, transient: boolean): { s: CaptureSession; layers: string[] } {
  const layers: string[] = [];
  const s = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: {
      tree: false,
      columns: false,
      onFrame: (d: DissectedFrame) => {
        recordTcpSegment(d);
        layers.push(`${d.pinfo.num} ${d.pinfo.layers.join(':')} ${d.pinfo.srcPort}>${d.pinfo.dstPort}`);
      },
      onFrameTransient: transient,
    },
  });
  s.push(bytes);
  s.finish();
  return { s, layers };
}

describe('transient onFrame first pass', () => {
  it.runIf(FILES.length > 0)('gives the consumer the same frames as fresh objects do', () => {
    for (const file of FILES) {
      const bytes = new Uint8Array(readFileSync(file));
      const a = load(bytes, true);
      const b = load(bytes, false);
      expect(a.layers, file).toEqual(b.layers);
      expect(a.s.expert, file).toEqual(b.s.expert);
      const ta = tcpSegmentTableOf(a.s.capture);
      const tb = tcpSegmentTableOf(b.s.capture);
      expect(ta.recordedUpTo, file).toBe(b.s.frameCount);
      for (const k of ['seglen', 'seq', 'ack', 'flags', 'dir', 'win'] as const) {
        expect(Array.from(ta[k]), `${file} ${k}`).toEqual(Array.from(tb[k]));
      }
      expect([...ta.sacks], file).toEqual([...tb.sacks]);
      expect([...ta.sacksCut], file).toEqual([...tb.sacksCut]);
      // The frames re-dissect the same way (the first pass stored the same analysis state).
      for (let i = 1; i <= Math.min(300, a.s.frameCount); i++) {
        const da = a.s.summary(i);
        const db = b.s.summary(i);
        expect(da, `${file} #${i}`).toEqual(db);
      }
    }
  });
});
