/**
 * Byte-offset reassembly of PDUs that span several frames, with the semantics of Wireshark's
 * reassemble.c `fragment_add` family (the variant TCP uses): fragments are kept sorted by
 * offset, the PDU length becomes known from the last fragment (or is set explicitly), and once
 * all bytes up to that length are contiguous the PDU is "defragmented" in the frame that
 * completed it. A defragmented PDU can be reopened (partial reassembly) when the payload
 * dissector asks for more. Re-dissection (visited frames) only looks results up.
 */
import { appendBytes } from './reassembly-buffer';

/** Fragment/PDU flags (Wireshark's FD_*). */
export const FD = {
  DEFRAGMENTED: 0x0001,
  OVERLAP: 0x0002,
  OVERLAPCONFLICT: 0x0004,
  MULTIPLETAILS: 0x0008,
  TOOLONGFRAGMENT: 0x0010,
  PARTIAL_REASSEMBLY: 0x0040,
  DATALEN_SET: 0x0400,
} as const;

/** A reassembly problem that Wireshark reports as "[Reassembly error, protocol X: message]". */
export class ReassemblyError extends Error {
  override name = 'ReassemblyError';
}

export interface FragmentItem {
  /** Frame the fragment came from. */
  frame: number;
  /** Byte offset in the reassembled PDU. */
  offset: number;
  len: number;
  flags: number;
  /** Copy of the fragment's bytes until the PDU is defragmented (then null). */
  data: Uint8Array | null;
}

export class FragmentHead {
  /** Fragments sorted by offset (stable: equal offsets keep arrival order). */
  readonly frags: FragmentItem[] = [];
  flags = 0;
  /** Length of the reassembled PDU (valid when DATALEN_SET). */
  datalen = 0;
  /** Frame in which the PDU was completed (0 while incomplete). */
  reassembledIn = 0;
  /** Which occurrence of the protocol in that frame completed it (Wireshark's reas_in_layer_num). */
  reassembledInLayer = 0;
  /** Highest frame number of any fragment. */
  frame = 0;
  /** The reassembled bytes once defragmented. */
  data: Uint8Array | null = null;
  /** Spare-capacity buffer that `data` is a prefix view of, when grown by appending (reassembly-buffer.ts). */
  cap: Uint8Array | null = null;
  error: string | null = null;

  get defragmented(): boolean {
    return (this.flags & FD.DEFRAGMENTED) !== 0;
  }
}

function linkFrag(head: FragmentHead, fd: FragmentItem): void {
  const frags = head.frags;
  let i = frags.length;
  // Insert after every fragment whose offset is <= this one (LINK_FRAG keeps arrival order).
  while (i > 0 && fd.offset < frags[i - 1].offset) i--;
  frags.splice(i, 0, fd);
}

function resetDefragmentation(head: FragmentHead): void {
  const whole = head.data;
  for (const fd of head.frags) {
    if (!fd.data && whole) fd.data = whole.subarray(fd.offset, Math.min(whole.length, fd.offset + fd.len));
    fd.flags &= ~(FD.TOOLONGFRAGMENT | FD.MULTIPLETAILS);
  }
  head.flags &= ~(
    FD.DEFRAGMENTED |
    FD.PARTIAL_REASSEMBLY |
    FD.DATALEN_SET |
    FD.TOOLONGFRAGMENT |
    FD.MULTIPLETAILS
  );
  head.datalen = 0;
  head.reassembledIn = 0;
  head.reassembledInLayer = 0;
}

function bytesEqual(a: Uint8Array, aOff: number, b: Uint8Array, bOff: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[aOff + i] !== b[bOff + i]) return false;
  return true;
}

/** The reassembly table of one protocol; PDUs are identified by a key object (TCP: its MSP). */
export class FragmentTable<K> {
  private readonly heads = new Map<K, FragmentHead>();

  get(key: K): FragmentHead | undefined {
    return this.heads.get(key);
  }

  /**
   * Adds `len` bytes of `src` at `srcOffset` as the fragment at `fragOffset` of PDU `key`.
   * Returns the head when the PDU is complete (in this frame or, on re-dissection, earlier),
   * null otherwise. Throws ReassemblyError where Wireshark does.
   */
  add(
    key: K,
    src: Uint8Array,
    srcOffset: number,
    frameNum: number,
    layer: number,
    visited: boolean,
    fragOffset: number,
    len: number,
    moreFrags: boolean,
    fragFrame = frameNum,
  ): FragmentHead | null {
    let head = this.heads.get(key);
    if (!visited) {
      if (head && fragFrame <= head.frame) {
        for (const fd of head.frags) {
          if (fd.frame === fragFrame && fd.offset === fragOffset) {
            if (head.defragmented) throw new ReassemblyError('Frame already added in first pass');
            return null;
          }
        }
      }
    } else {
      if (head && head.defragmented) {
        if (head.error) throw new ReassemblyError(head.error);
        if (fragFrame > head.frame)
          throw new ReassemblyError('New fragment overlaps old data (retransmission?)');
        if (fragOffset + len > head.datalen) {
          throw new ReassemblyError(
            fragOffset >= head.datalen
              ? 'New fragment past old data limits'
              : 'New fragment overlaps old data (retransmission?)',
          );
        }
        return head;
      }
      return null;
    }
    if (!head) {
      head = new FragmentHead();
      this.heads.set(key, head);
    }
    return this.addWork(head, src, srcOffset, frameNum, layer, fragOffset, len, moreFrags, fragFrame)
      ? head
      : null;
  }

  private addWork(
    head: FragmentHead,
    src: Uint8Array,
    srcOffset: number,
    frameNum: number,
    layer: number,
    fragOffset: number,
    len: number,
    moreFrags: boolean,
    fragFrame: number,
  ): boolean {
    if (
      head.defragmented &&
      !moreFrags &&
      len > 0 &&
      fragOffset === head.datalen &&
      head.data !== null &&
      head.data.length === head.datalen &&
      head.error === null &&
      (head.frags.length === 0 || head.frags[head.frags.length - 1].offset <= fragOffset) &&
      (head.flags & (FD.PARTIAL_REASSEMBLY | FD.TOOLONGFRAGMENT | FD.MULTIPLETAILS)) === FD.PARTIAL_REASSEMBLY
    ) {
      // The PDU reopened for exactly one more fragment right after its end: the full rebuild
      // below would give the same bytes and flags, so append instead (linear, not quadratic).
      const grown = appendBytes(head.cap, head.data, src, srcOffset, len);
      head.cap = grown.cap;
      head.data = grown.data;
      head.frags.push({ frame: fragFrame, offset: fragOffset, len, flags: 0, data: null });
      if (fragFrame > head.frame) head.frame = fragFrame;
      head.datalen = fragOffset + len;
      head.flags &= ~FD.PARTIAL_REASSEMBLY;
      head.reassembledIn = frameNum;
      head.reassembledInLayer = layer;
      return true;
    }
    if (head.defragmented) {
      if (fragOffset + len >= head.datalen) {
        if (head.flags & FD.PARTIAL_REASSEMBLY) {
          resetDefragmentation(head);
        } else {
          throw new ReassemblyError(
            fragOffset >= head.datalen
              ? 'New fragment past old data limits'
              : 'New fragment overlaps old data (retransmission?)',
          );
        }
      } else {
        throw new ReassemblyError('New fragment overlaps old data (retransmission?)');
      }
    }
    const fd: FragmentItem = { frame: fragFrame, offset: fragOffset, len, flags: 0, data: null };
    if (fd.frame > head.frame) head.frame = fd.frame;
    if (!moreFrags) {
      if (head.flags & FD.DATALEN_SET) {
        if (head.datalen !== fd.offset + fd.len) {
          fd.flags |= FD.MULTIPLETAILS;
          head.flags |= FD.MULTIPLETAILS;
        }
      } else {
        head.datalen = fd.offset + fd.len;
        head.flags |= FD.DATALEN_SET;
      }
    }
    fd.data = src.slice(srcOffset, srcOffset + len);
    linkFrag(head, fd);
    if (!(head.flags & FD.DATALEN_SET)) return false;

    let max = 0;
    for (const f of head.frags) {
      if (f.offset <= max && f.offset + f.len > max) max = f.offset + f.len;
    }
    if (max < head.datalen) return false;

    const data = new Uint8Array(head.datalen);
    let dfpos = 0;
    for (const f of head.frags) {
      if (f.len === 0) continue;
      if (f.offset >= head.datalen) {
        f.flags |= FD.TOOLONGFRAGMENT;
        head.flags |= FD.TOOLONGFRAGMENT;
      } else if (!f.data) {
        head.error = 'no data';
      } else {
        let fraglen = f.len;
        if (f.offset + fraglen > head.datalen) {
          f.flags |= FD.TOOLONGFRAGMENT;
          head.flags |= FD.TOOLONGFRAGMENT;
          fraglen = head.datalen - f.offset;
        }
        const overlap = dfpos - f.offset;
        if (overlap > 0) {
          const cmpLen = Math.min(f.len, overlap);
          f.flags |= FD.OVERLAP;
          head.flags |= FD.OVERLAP;
          if (!bytesEqual(data, f.offset, f.data, 0, cmpLen)) {
            f.flags |= FD.OVERLAPCONFLICT;
            head.flags |= FD.OVERLAPCONFLICT;
          }
        }
        if (f.offset + fraglen > dfpos) {
          const from = Math.max(overlap, 0);
          data.set(f.data.subarray(from, fraglen), dfpos);
          dfpos = f.offset + fraglen;
        }
      }
      f.data = null;
    }
    head.data = data;
    head.cap = null;
    head.flags |= FD.DEFRAGMENTED;
    head.reassembledIn = frameNum;
    head.reassembledInLayer = layer;
    if (head.error) throw new ReassemblyError(head.error);
    return true;
  }

  /** Marks a defragmented PDU as extendable by the next fragment (fragment_set_partial_reassembly). */
  setPartialReassembly(key: K): void {
    const head = this.heads.get(key);
    if (head) head.flags |= FD.PARTIAL_REASSEMBLY;
  }

  /** Sets the PDU length explicitly, reopening a defragmented PDU if it changes (fragment_reset_tot_len). */
  resetTotLen(key: K, totLen: number): void {
    const head = this.heads.get(key);
    if (!head) return;
    head.flags &= ~FD.PARTIAL_REASSEMBLY;
    if (totLen === head.datalen) return;
    if (head.defragmented) resetDefragmentation(head);
    head.datalen = totLen;
    head.flags |= FD.DATALEN_SET;
  }

  /** Cuts a defragmented PDU down to `totLen` bytes, dropping fragments past it (fragment_truncate). */
  truncate(key: K, totLen: number): void {
    const head = this.heads.get(key);
    if (!head || !head.defragmented) return;
    head.flags &= ~FD.PARTIAL_REASSEMBLY;
    if (totLen === head.datalen) return;
    if (head.data) head.data = head.data.slice(0, totLen);
    head.datalen = totLen;
    head.flags &= ~(FD.OVERLAP | FD.OVERLAPCONFLICT | FD.TOOLONGFRAGMENT | FD.MULTIPLETAILS);
    const keep: FragmentItem[] = [];
    for (const f of head.frags) {
      if (f.offset >= totLen) continue;
      f.flags &= ~(FD.TOOLONGFRAGMENT | FD.MULTIPLETAILS);
      if (f.offset + f.len > totLen) f.len = totLen - f.offset;
      head.flags |= f.flags & (FD.OVERLAP | FD.OVERLAPCONFLICT);
      f.data = null;
      keep.push(f);
    }
    head.frags.length = 0;
    for (const f of keep) head.frags.push(f);
  }
}
