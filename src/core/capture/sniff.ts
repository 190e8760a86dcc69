/**
 * Format sniffing: decides from the first bytes whether a stream is pcap, pcapng or gzip, and
 * names what it is otherwise ("This is a PNG image, not a capture file").
 */
import { pcapMagic } from './pcap';

export type SniffResult =
  | { kind: 'pcap' }
  | { kind: 'pcapng' }
  | { kind: 'gzip' }
  /** More bytes are needed to decide (only returned when not at end of input). */
  | { kind: 'need-more' }
  | { kind: 'empty' }
  | { kind: 'unknown'; description: string };

/** Bytes looked at to describe an unknown file (text or binary). */
export const SNIFF_WINDOW = 512;

/** Sniffs `head` (the first bytes of the stream); `eof` tells whether that is all there is. */
export function sniffFormat(head: Uint8Array, eof: boolean): SniffResult {
  if (head.length === 0) return eof ? { kind: 'empty' } : { kind: 'need-more' };
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return { kind: 'gzip' };
  if (head.length >= 4) {
    const magic = ((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0;
    if (pcapMagic(magic)) return { kind: 'pcap' };
    if (magic === 0x0a0d0d0a) return { kind: 'pcapng' };
  } else if (!eof) {
    return { kind: 'need-more' };
  }
  if (head.length < SNIFF_WINDOW && !eof) {
    // A known foreign magic can be named at once; text needs a wider look.
    const known = describeByMagic(head);
    return known ? { kind: 'unknown', description: known } : { kind: 'need-more' };
  }
  return { kind: 'unknown', description: describe(head) };
}

function startsWith(head: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (head.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (head[at + i] !== sig[i]) return false;
  return true;
}

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

const SIGNATURES: readonly { sig: number[]; at?: number; what: string }[] = [
  { sig: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { sig: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { sig: ascii('GIF8'), what: 'a GIF image' },
  { sig: ascii('%PDF'), what: 'a PDF document' },
  { sig: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive' },
  { sig: ascii('BZh'), what: 'a bzip2-compressed file' },
  { sig: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'an xz-compressed file' },
  { sig: [0x28, 0xb5, 0x2f, 0xfd], what: 'a Zstandard-compressed file' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { sig: ascii('ustar'), at: 257, what: 'a tar archive' },
  { sig: [0x7f, 0x45, 0x4c, 0x46], what: 'an ELF executable' },
  { sig: ascii('MZ'), what: 'a Windows executable' },
  { sig: [0x00, 0x61, 0x73, 0x6d], what: 'a WebAssembly module' },
  { sig: ascii('SQLite format 3'), what: 'an SQLite database' },
  { sig: ascii('snoop\0\0\0'), what: 'a Sun snoop capture (not supported; convert it to pcap)' },
  { sig: ascii('GMBU'), what: 'a Microsoft Network Monitor capture (not supported; convert it to pcap)' },
  { sig: ascii('XCP\0'), what: 'a NetXRay / Windows Sniffer capture (not supported; convert it to pcap)' },
];

function describeByMagic(head: Uint8Array): string | undefined {
  for (const s of SIGNATURES) {
    if (startsWith(head, s.sig, s.at ?? 0)) return `This is ${s.what}, not a capture file`;
  }
  return undefined;
}

/** Names what an unrecognised file looks like. */
export function describe(head: Uint8Array): string {
  const known = describeByMagic(head);
  if (known) return known;
  if (looksLikeText(head)) {
    const text = new TextDecoder('utf-8')
      .decode(head.subarray(0, Math.min(head.length, SNIFF_WINDOW)))
      .replace(/^\uFEFF/, '');
    const start = text.trimStart().slice(0, 64).toLowerCase();
    if (start.startsWith('<!doctype html') || start.startsWith('<html'))
      return 'This is an HTML page, not a capture file';
    if (start.startsWith('<?xml') || start.startsWith('<'))
      return 'This is an XML document, not a capture file';
    if (start.startsWith('{') || start.startsWith('[')) return 'This is a JSON document, not a capture file';
    if (
      /^client_random |^client_handshake_traffic_secret |^server_handshake_traffic_secret |^rsa /.test(start)
    ) {
      return 'This is a TLS key log file, not a capture file (load it as a key log)';
    }
    return 'This is a text file, not a capture file';
  }
  const shown = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `This is not a pcap or pcapng capture file (it starts with bytes ${shown})`;
}

/** True when the bytes are plausibly UTF-8/ASCII text (no control bytes other than whitespace). */
function looksLikeText(head: Uint8Array): boolean {
  const n = Math.min(head.length, SNIFF_WINDOW);
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) continue;
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}
