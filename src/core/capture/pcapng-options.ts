/**
 * pcapng option lists and the name-resolution block body, validated like wiretap 4.0 (whose
 * complaints stop tshark, so they must stop us at the same place).
 */

/** Receives one option; returns wiretap's complaint to abort, or undefined. */
export type OptionHandler = (code: number, valueStart: number, length: number) => string | undefined;

const CUSTOM_OPTION_CODES = new Set([2988, 2989, 19372, 19373]);
const utf8 = new TextDecoder('utf-8');

/** Rounds up to a multiple of 4 in 32-bit arithmetic, as wiretap's ROUND_TO_4BYTE does. */
export function roundUp4(n: number): number {
  return ((n + 3) & ~3) >>> 0;
}

/**
 * Walks the options in `[start, end)`. Comments (code 1) go to `onComment`; every other option,
 * except the end marker and custom options, to `handler`. Returns wiretap's complaint, if any.
 */
export function walkOptions(
  bytes: Uint8Array,
  view: DataView,
  le: boolean,
  start: number,
  end: number,
  handler: OptionHandler | undefined,
  onComment: ((text: string) => void) | undefined,
): string | undefined {
  let pos = start;
  while (pos < end) {
    if (end - pos < 4) return 'pcapng: Not enough data for option header';
    const code = view.getUint16(pos, le);
    const length = view.getUint16(pos + 2, le);
    pos += 4;
    const rounded = roundUp4(length);
    if (rounded > end - pos) return `pcapng: Not enough data to handle option of length ${length}`;
    if (code === 0) return undefined;
    if (code === 1) {
      onComment?.(decodeString(bytes, pos, length));
    } else if (CUSTOM_OPTION_CODES.has(code)) {
      if (length < 4) return `pcapng: option length (${length}) too small for custom option`;
    } else if (handler) {
      const problem = handler(code, pos, length);
      if (problem) return problem;
    }
    pos += rounded;
  }
  return undefined;
}

/** A pcapng string value: UTF-8, ending at the first NUL if there is one (like g_strndup). */
export function decodeString(bytes: Uint8Array, start: number, length: number): string {
  let end = start;
  const limit = start + length;
  while (end < limit && bytes[end] !== 0) end++;
  return utf8.decode(bytes.subarray(start, end));
}

/** Checks of the standard packet-block options (epb_flags etc.), as wiretap makes them. */
export function packetOptionProblem(
  view: DataView,
  code: number,
  valueStart: number,
  length: number,
): string | undefined {
  switch (code) {
    case 2:
      return length === 4 ? undefined : `pcapng: packet block flags option length ${length} is not 4`;
    // epb_hash (3): tshark 4.0 accepts any length.
    case 4:
      return length === 8 ? undefined : `pcapng: packet block drop count option length ${length} is not 8`;
    case 5:
      return length === 8 ? undefined : `pcapng: packet block packet id option length ${length} is not 8`;
    case 6:
      return length === 4 ? undefined : `pcapng: packet block queue option length ${length} is not 4`;
    case 7: {
      if (length < 1) return `pcapng: packet block verdict option length ${length} is < 1`;
      const type = view.getUint8(valueStart);
      if (type === 1 && length !== 9)
        return `pcapng: packet block TC verdict option length ${length} is != 9`;
      if (type === 2 && length !== 9)
        return `pcapng: packet block XDP verdict option length ${length} is != 9`;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** One address with its names, as CaptureInfo.names holds them. */
export interface NameEntry {
  address: string;
  names: string[];
}

/**
 * Parses the records of a Name Resolution Block body `[start, end)` (everything between the
 * block header and the trailer). Adds names to `out`; returns the offset where options start, or
 * wiretap's complaint.
 */
export function parseNameRecords(
  bytes: Uint8Array,
  view: DataView,
  le: boolean,
  start: number,
  end: number,
  out: NameEntry[],
): number | string {
  let pos = start;
  while (pos < end) {
    if (end - pos < 4) return `pcapng: ${end - pos} bytes left in the block < NRB record header size 4`;
    const type = view.getUint16(pos, le);
    const length = view.getUint16(pos + 2, le);
    pos += 4;
    const padded = roundUp4(length);
    if (end - pos < padded)
      return `pcapng: ${end - pos} bytes left in the block < NRB record length + padding ${padded}`;
    if (type === 0) return pos;
    if (type === 1 || type === 2) {
      const addrLen = type === 1 ? 4 : 16;
      if (length < addrLen)
        return `pcapng: NRB record length for IPv${type === 1 ? 4 : 6} record ${length} < minimum length ${addrLen}`;
      const address = type === 1 ? formatIpv4(bytes, pos) : formatIpv6(view, pos);
      const names: string[] = [];
      let p = pos + addrLen;
      const recEnd = pos + length;
      while (p < recEnd) {
        let z = p;
        while (z < recEnd && bytes[z] !== 0) z++;
        if (z >= recEnd) return 'pcapng: NRB record has non-null-terminated host name';
        names.push(utf8.decode(bytes.subarray(p, z)));
        p = z + 1;
      }
      const existing = out.find((e) => e.address === address);
      if (existing) existing.names.push(...names);
      else out.push({ address, names });
    }
    pos += padded;
  }
  return pos;
}

function formatIpv4(bytes: Uint8Array, at: number): string {
  return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
}

/** RFC 5952 text form (longest run of two or more zero groups collapsed). */
export function formatIpv6(view: DataView, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(view.getUint16(at + 2 * i, false));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLen).join(':');
  return `${left}::${right}`;
}
