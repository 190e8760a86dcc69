import { CaptureState } from '../../../../src/core/dissect/capture-state';
import { Columns } from '../../../../src/core/dissect/columns';
import { fieldByAbbrev } from '../../../../src/core/dissect/fields';
import { fieldsText } from '../../../../src/core/dissect/format';
import { PacketInfo, PT } from '../../../../src/core/dissect/packet-info';
import { ipv4Address } from '../../../../src/core/dissect/address';
import { FrameTree } from '../../../../src/core/dissect/tree';
import { proto } from '../../../../src/core/dissect/frame';
import { Tvb } from '../../../../src/core/dissect/tvb';

/** A packet context as UDP/TCP would leave it, for calling an application dissector directly. */
export function makePinfo(
  capture: CaptureState,
  num: number,
  opts: { sec?: number; src?: number; dst?: number; sport?: number; dport?: number; tcp?: boolean } = {},
): PacketInfo {
  const p = new PacketInfo(capture);
  p.num = num;
  p.tsSec = opts.sec ?? num;
  p.cols = new Columns();
  p.src = p.netSrc = ipv4Address(opts.src ?? 0x0a000001);
  p.dst = p.netDst = ipv4Address(opts.dst ?? 0x0a000002);
  p.srcPort = opts.sport ?? 40000;
  p.dstPort = opts.dport ?? 53;
  p.ptype = opts.tcp ? PT.TCP : PT.UDP;
  return p;
}

export function newCapture(): CaptureState {
  return new CaptureState();
}

/** Runs `fn` on a fresh tree over `bytes`; returns the tree and a field reader printing like -T fields. */
export function withTree(bytes: Uint8Array, fn: (tvb: Tvb, tree: FrameTree) => void) {
  const src = { name: 'test', bytes };
  const tvb = Tvb.of(src);
  const tree = new FrameTree(src, proto.text);
  fn(tvb, tree);
  const field = (abbrev: string): string => {
    const def = fieldByAbbrev(abbrev);
    if (!def) throw new Error(`unknown field ${abbrev}`);
    return tree.occurrences(def).map(fieldsText).join(',');
  };
  return { tree, field };
}

export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
