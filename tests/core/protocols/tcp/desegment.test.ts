/**
 * The desegmentation contract payload dissectors rely on (see src/core/protocols/tcp/README.md),
 * exercised with a small length-prefixed test protocol on port 47001.
 */
import { describe, expect, it } from 'vitest';
import { memoryByteSource } from '../../../../src/core/capture/index';
import { fieldByAbbrev } from '../../../../src/core/dissect/fields';
import { fieldsText } from '../../../../src/core/dissect/format';
import type { DissectedFrame } from '../../../../src/core/dissect/frame';
import {
  DESEGMENT_ONE_MORE_SEGMENT,
  DESEGMENT_UNTIL_FIN,
  type PacketInfo,
} from '../../../../src/core/dissect/packet-info';
import { dissectorTable, type TreeParent } from '../../../../src/core/dissect/tables';
import type { Tvb } from '../../../../src/core/dissect/tvb';
import type { TcpInfo } from '../../../../src/core/protocols/tcp/tcp-info';
import { tcpDissectPdus } from '../../../../src/core/protocols/tcp/pdus';
import { CaptureSession } from '../../../../src/core/session';
import { buildPcap, type TcpSegmentSpec } from './packet-builder';

interface Call {
  frame: number;
  visited: boolean;
  bytes: string;
  reassembled: boolean;
  seq: number;
}

const calls: Call[] = [];
let mode: 'lp' | 'one-more' | 'until-fin' = 'lp';

/** Test protocol: PDUs with a 2-byte length prefix; Info lists the PDU bodies. */
function dissectLp(tvb: Tvb, pinfo: PacketInfo, _tree: TreeParent, data?: unknown): number {
  const info = data as TcpInfo;
  calls.push({
    frame: pinfo.num,
    visited: pinfo.visited,
    bytes: tvb.latin1(0, tvb.length),
    reassembled: info.isReassembled,
    seq: info.seq,
  });
  if (mode === 'until-fin') {
    if (pinfo.canDesegment && !info.isReassembled) {
      pinfo.desegmentOffset = 0;
      pinfo.desegmentLen = DESEGMENT_UNTIL_FIN;
      return tvb.length;
    }
    pinfo.cols?.setProtocol('LP');
    pinfo.cols?.setInfo(`all: ${tvb.latin1(0, tvb.length)}`);
    return tvb.length;
  }
  if (mode === 'one-more') {
    if (!info.isReassembled && pinfo.canDesegment) {
      pinfo.desegmentOffset = 0;
      pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
    } else {
      pinfo.cols?.setInfo(`got: ${tvb.latin1(0, tvb.length)}`);
    }
    return tvb.length;
  }
  let off = 0;
  while (off < tvb.length) {
    if (tvb.length - off < 2 && pinfo.canDesegment) {
      pinfo.desegmentOffset = off;
      pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      return tvb.length;
    }
    const len = tvb.u16(off);
    if (tvb.length - off < 2 + len && pinfo.canDesegment) {
      pinfo.desegmentOffset = off;
      pinfo.desegmentLen = 2 + len - (tvb.length - off);
      return tvb.length;
    }
    pinfo.addLayer('lp');
    pinfo.cols?.setProtocol('LP');
    if (off > 0) pinfo.cols?.appendInfo(', ');
    else pinfo.cols?.setInfo('');
    pinfo.cols?.appendInfo(tvb.latin1(off + 2, len));
    off += 2 + len;
  }
  return off;
}

dissectorTable('tcp.port').add(47001, dissectLp);

/** The same protocol written with tcpDissectPdus (port 47002). */
dissectorTable('tcp.port').add(47002, (tvb, pinfo, tree) => {
  let first = true;
  return tcpDissectPdus(
    tvb,
    pinfo,
    tree,
    true,
    2,
    (t, off) => 2 + t.u16(off),
    (pdu, p) => {
      p.addLayer('lp');
      p.cols?.setProtocol('LP');
      if (first) p.cols?.setInfo('');
      else p.cols?.appendInfo(', ');
      first = false;
      p.cols?.appendInfo(pdu.latin1(2, pdu.length - 2));
    },
  );
});

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
function lp(body: string): string {
  return String.fromCharCode(body.length >> 8, body.length & 255) + body;
}

function segs(payloads: string[], fin = false, sport = 47001): TcpSegmentSpec[] {
  const out: TcpSegmentSpec[] = [
    { t: 0, from: 'c', seq: 1000, flags: 'S', sport },
    { t: 10, from: 's', seq: 5000, ack: 1001, flags: 'SA', sport },
    { t: 20, from: 'c', seq: 1001, ack: 5001, flags: 'A', sport },
  ];
  let seq = 1001;
  payloads.forEach((p, i) => {
    out.push({ t: 100 + i * 10, from: 'c', seq, ack: 5001, flags: 'PA', sport, payload: enc(p) });
    seq += p.length;
  });
  if (fin) out.push({ t: 900, from: 'c', seq, ack: 5001, flags: 'FA', sport });
  return out;
}

interface Seen {
  info: string;
  protocol: string;
  field: (name: string) => string;
}

function run(spec: TcpSegmentSpec[]): { first: Seen[]; again: Seen[] } {
  calls.length = 0;
  const bytes = buildPcap(spec);
  const view = (d: DissectedFrame): Seen => ({
    info: d.cols?.info ?? '',
    protocol: d.cols?.protocol ?? '',
    field: (name) => {
      const def = fieldByAbbrev(name);
      return def && d.tree ? d.tree.occurrences(def).map(fieldsText).join(',') : '';
    },
  });
  const first: Seen[] = [];
  const s = new CaptureSession({
    source: memoryByteSource(bytes),
    firstPass: { tree: true, columns: true, onFrame: (d) => first.push(view(d)) },
  });
  s.push(bytes);
  s.finish();
  const again: Seen[] = [];
  for (let n = 1; n <= s.frameCount; n++) again.push(view(s.dissect(n, { tree: true, columns: true })));
  return { first, again };
}

describe('TCP desegmentation for payload dissectors', () => {
  it('collects a PDU spread over three segments and hands it over once, in the last frame', () => {
    mode = 'lp';
    const pdu = lp('hello, reassembled world');
    const { first, again } = run(segs([pdu.slice(0, 5), pdu.slice(5, 15), pdu.slice(15)]));
    for (const i of [3, 4]) {
      expect(first[i].protocol).toBe('TCP');
      expect(first[i].info.endsWith(' [TCP segment of a reassembled PDU]')).toBe(true);
      expect(first[i].field('tcp.segment_data')).not.toBe('');
    }
    expect(first[5].protocol).toBe('LP');
    expect(first[5].info).toBe('hello, reassembled world');
    expect(first[5].field('tcp.segment')).toBe('4,5,6');
    expect(first[5].field('tcp.reassembled.length')).toBe(String(pdu.length));
    const firstPass = calls.filter((c) => !c.visited);
    expect(firstPass.map((c) => [c.frame, c.reassembled])).toEqual([
      [4, false],
      [6, true],
    ]);
    expect(firstPass[1].bytes).toBe(pdu);
    expect(firstPass[1].seq).toBe(1);
    // Later passes know where the PDU ended up, and show the same dissection.
    expect(again[3].field('tcp.reassembled_in')).toBe('6');
    expect(again[4].field('tcp.reassembled_in')).toBe('6');
    expect(again[5].info).toBe(first[5].info);
    expect(calls.filter((c) => c.visited).map((c) => [c.frame, c.reassembled])).toEqual([[6, true]]);
  });

  it('dissects complete PDUs of a segment and reassembles the one that runs into the next', () => {
    mode = 'lp';
    const a = lp('one');
    const b = lp('two');
    const c = lp('three!');
    const { first } = run(segs([a + b + c.slice(0, 4), c.slice(4)]));
    expect(first[3].protocol).toBe('LP');
    expect(first[3].info).toBe('one, two');
    expect(first[3].field('tcp.segment_data')).toBe('00067468');
    expect(first[4].info).toBe('three!');
    expect(first[4].field('tcp.segment')).toBe('4,5');
  });

  it('tcpDissectPdus splits, reassembles and shows tcp.pdu.size like tcp_dissect_pdus', () => {
    const a = lp('one');
    const b = lp('two');
    const c = lp('three!');
    const { first, again } = run(segs([a + b + c.slice(0, 1), c.slice(1, 5), c.slice(5)], false, 47002));
    expect(first[3].info).toBe('one, two');
    expect(first[3].field('tcp.pdu.size')).toBe('5,5');
    expect(first[4].info.endsWith('[TCP segment of a reassembled PDU]')).toBe(true);
    expect(first[5].info).toBe('three!');
    expect(first[5].field('tcp.pdu.size')).toBe('8');
    expect(first[5].field('tcp.segment')).toBe('4,5,6');
    expect(again.map((f) => f.info)).toEqual(first.map((f) => f.info));
  });

  it('gives the next segment whole when asked for one more segment', () => {
    mode = 'one-more';
    const { first } = run(segs(['abc', 'def', 'ghi']));
    expect(first[3].info.endsWith('[TCP segment of a reassembled PDU]')).toBe(true);
    expect(first[4].info).toBe('got: abcdef');
    expect(calls.filter((c) => !c.visited).map((c) => [c.frame, c.bytes, c.reassembled])).toEqual([
      [4, 'abc', false],
      [5, 'abcdef', true],
      [6, 'ghi', false],
    ]);
  });

  it('reassembles until the FIN when asked to', () => {
    mode = 'until-fin';
    const { first } = run(segs(['abc', 'def', 'ghi'], true));
    expect(first[4].info.endsWith('[TCP segment of a reassembled PDU]')).toBe(true);
    expect(first[6].protocol).toBe('LP');
    expect(first[6].info).toBe('all: abcdefghi');
    expect(first[6].field('tcp.segment')).toBe('4,5,6,7');
  });

  it('does not hand a retransmitted segment of a PDU to the dissector again', () => {
    mode = 'lp';
    const pdu = lp('0123456789');
    const spec = segs([pdu.slice(0, 6), pdu.slice(6)]);
    spec.splice(4, 0, { ...spec[3], t: 105 });
    const { first } = run(spec);
    expect(first[4].info.startsWith('[TCP Retransmission]')).toBe(true);
    expect(first[4].field('tcp.segment_data')).not.toBe('');
    expect(calls.filter((c) => !c.visited).map((c) => c.frame)).toEqual([4, 6]);
    expect(first[5].info).toBe('0123456789');
  });
});
