import * as asn1js from 'asn1js';

/** One decoded BER/DER element with its position in the buffer it was read from. */
export interface DerNode {
  tagClass: number;
  tag: number;
  constructed: boolean;
  /** Offset of the identifier octet within the parsed buffer. */
  start: number;
  /** Offset and length of the contents octets. */
  valueStart: number;
  valueLength: number;
  children: DerNode[];
  /** The contents octets (a view into the parsed buffer). */
  value: Uint8Array;
}

/** asn1js keeps, for every block, a view of its encoding inside the input: that gives offsets. */
interface Asn1Block {
  idBlock: { tagClass: number; tagNumber: number; isConstructed: boolean; blockLength: number };
  lenBlock: { blockLength: number; length: number };
  valueBeforeDecodeView: Uint8Array;
  valueBlock: { value?: unknown };
}

function convert(b: Asn1Block, base: Uint8Array, baseOffset: number): DerNode {
  // asn1js may read from its own copy of the input: positions are taken relative to the root's view.
  const start = b.valueBeforeDecodeView.byteOffset - baseOffset;
  const header = b.idBlock.blockLength + b.lenBlock.blockLength;
  const total = b.valueBeforeDecodeView.length;
  const valueStart = start + header;
  const valueLength = Math.max(0, total - header);
  const children: DerNode[] = [];
  if (b.idBlock.isConstructed && Array.isArray(b.valueBlock.value)) {
    for (const c of b.valueBlock.value as Asn1Block[])
      if (c.valueBeforeDecodeView) children.push(convert(c, base, baseOffset));
  }
  return {
    // asn1js numbers classes from 1 (universal); X.690 numbers them from 0.
    tagClass: b.idBlock.tagClass - 1,
    tag: b.idBlock.tagNumber,
    constructed: b.idBlock.isConstructed,
    start,
    valueStart,
    valueLength,
    children,
    value: base.subarray(valueStart, valueStart + valueLength),
  };
}

/**
 * Parses one element from `bytes` with asn1js (the maintained ASN.1 library the project uses);
 * null when the bytes are not valid BER.
 */
export function parseDer(bytes: Uint8Array): DerNode | null {
  const r = asn1js.fromBER(bytes);
  if (r.offset === -1 || r.result.error) return null;
  const root = r.result as unknown as Asn1Block;
  return convert(root, bytes, root.valueBeforeDecodeView.byteOffset);
}

/** Dotted text of an OBJECT IDENTIFIER's contents. */
export function oidText(v: Uint8Array): string {
  const parts: number[] = [];
  let acc = 0;
  for (let i = 0; i < v.length; i++) {
    acc = acc * 128 + (v[i] & 0x7f);
    if ((v[i] & 0x80) === 0) {
      if (parts.length === 0) {
        const first = acc < 80 ? Math.floor(acc / 40) : 2;
        parts.push(first, acc - first * 40);
      } else parts.push(acc);
      acc = 0;
    }
  }
  return parts.join('.');
}

export function latin1(v: Uint8Array): string {
  let s = '';
  for (const c of v) s += String.fromCharCode(c);
  return s;
}

export function utf8(v: Uint8Array): string {
  return new TextDecoder().decode(v);
}
