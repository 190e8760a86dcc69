import type { FollowDirection } from '../../core/share/view-state';
import type { FollowChunk } from '../../worker/types';
import { asciiChar, hexByte } from './hex-dump';

export type FollowMode = 'ascii' | 'hexdump' | 'raw' | 'carrays' | 'yaml';

export const FOLLOW_MODES: { value: FollowMode; label: string }[] = [
  { value: 'ascii', label: 'ASCII' },
  { value: 'hexdump', label: 'Hex Dump' },
  { value: 'raw', label: 'Raw' },
  { value: 'carrays', label: 'C Arrays' },
  { value: 'yaml', label: 'YAML' },
];

/** A run of text sent by one side (0 = client, 1 = server), coloured by the dialog. */
export interface FollowSegment {
  dir: 0 | 1;
  text: string;
}

export function keepChunk(dir: 0 | 1, direction: FollowDirection): boolean {
  return direction === 'both' || (direction === 'c2s' ? dir === 0 : dir === 1);
}

/** ASCII view: printable characters, tabs and line feeds as they are, everything else '.'. */
function asciiText(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x0a || c === 0x09) s += String.fromCharCode(c);
    else if (c === 0x0d)
      continue; // CR LF shows as one line break
    else s += asciiChar(c);
  }
  return s;
}

function rawText(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += hexByte(b[i]);
  return s + '\n';
}

/** Hex dump lines: offset within the sender's data, 16 bytes in two groups, then ASCII. */
function hexDumpText(b: Uint8Array, startOffset: number, indent: string): string {
  let s = '';
  for (let row = 0; row < b.length; row += 16) {
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      if (i === 8) hex += ' ';
      const at = row + i;
      if (at < b.length) {
        hex += hexByte(b[at]) + ' ';
        ascii += asciiChar(b[at]);
      } else {
        hex += '   ';
      }
    }
    s += `${indent}${(startOffset + row).toString(16).padStart(8, '0')}  ${hex} ${ascii}\n`;
  }
  return s;
}

function cArrayText(b: Uint8Array, dir: 0 | 1, index: number, frame: number): string {
  const lines: string[] = [];
  for (let row = 0; row < b.length; row += 8) {
    const part: string[] = [];
    for (let i = row; i < Math.min(b.length, row + 8); i++) part.push('0x' + hexByte(b[i]));
    lines.push(part.join(', ') + (row + 8 < b.length ? ',' : ''));
  }
  return `char peer${dir}_${index}[] = { /* Packet ${frame} */\n${lines.join('\n')} };\n`;
}

function base64(b: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < b.length; i++) bin += String.fromCharCode(b[i]);
  return btoa(bin);
}

function yamlText(b: Uint8Array, dir: 0 | 1, index: number, frame: number): string {
  const b64 = base64(b).replace(/(.{1,76})/g, '      $1\n');
  return `  - packet: ${frame}\n    peer: ${dir}\n    index: ${index}\n    data: !!binary |\n${b64}`;
}

/**
 * Formats a followed stream's chunks in a mode a page at a time, one segment per run of chunks
 * from one side (for colouring): the dialog renders the first page at once and later pages as
 * the reader scrolls, so a bulk stream neither formats nor lays out megabytes of text in one task.
 */
export class FollowFormatter {
  private next = 0;
  private readonly offsets = [0, 0];
  private readonly counts = [0, 0];
  private started = false;
  /** Text of an ASCII page after its last line break, carried to the start of the next page. */
  private carry: FollowSegment | null = null;

  constructor(
    private readonly chunks: readonly FollowChunk[],
    private readonly mode: FollowMode,
    private readonly direction: FollowDirection,
    private readonly peers: { client: string; server: string },
  ) {}

  /** Every chunk has been formatted and handed out. */
  get done(): boolean {
    return this.next >= this.chunks.length && this.carry === null;
  }

  /**
   * The next page: whole chunks until the text passes `maxChars` (or the stream ends). In ASCII,
   * where chunks need not end lines, a page ends at the last line break of its last segment
   * (`atLineEnd`), so pages stack as blocks; data without line breaks breaks at a chunk's end.
   */
  page(maxChars = Infinity, atLineEnd = true): FollowSegment[] {
    const out: FollowSegment[] = [];
    let chars = 0;
    const add = (dir: 0 | 1, text: string): void => {
      const last = out[out.length - 1];
      if (last && last.dir === dir && this.mode !== 'yaml') last.text += text;
      else out.push({ dir, text });
      chars += text.length;
    };
    if (!this.started) {
      this.started = true;
      if (this.mode === 'yaml') {
        const { client, server } = this.peers;
        add(0, `peers:\n  - peer: 0\n    host: ${client}\n  - peer: 1\n    host: ${server}\npackets:\n`);
      }
    }
    if (this.carry) {
      add(this.carry.dir, this.carry.text);
      this.carry = null;
    }
    while (this.next < this.chunks.length && chars <= maxChars) {
      const c = this.chunks[this.next++];
      if (!keepChunk(c.dir, this.direction)) continue;
      add(c.dir, this.chunkText(c));
      this.offsets[c.dir] += c.bytes.length;
      this.counts[c.dir]++;
    }
    if (atLineEnd && this.mode === 'ascii' && this.next < this.chunks.length && out.length > 0) {
      const last = out[out.length - 1];
      const cut = last.text.lastIndexOf('\n') + 1;
      if (cut > 0 && cut < last.text.length) {
        this.carry = { dir: last.dir, text: last.text.slice(cut) };
        last.text = last.text.slice(0, cut);
      }
    }
    return out;
  }

  private chunkText(c: FollowChunk): string {
    switch (this.mode) {
      case 'ascii':
        return asciiText(c.bytes);
      case 'raw':
        return rawText(c.bytes);
      case 'hexdump':
        return hexDumpText(c.bytes, this.offsets[c.dir], c.dir === 1 ? '    ' : '');
      case 'carrays':
        return cArrayText(c.bytes, c.dir, this.counts[c.dir], c.frame);
      case 'yaml':
        return yamlText(c.bytes, c.dir, this.counts[c.dir], c.frame);
    }
  }
}

/**
 * Renders the followed stream's chunks in a mode, keeping one segment per chunk for colouring.
 * Stops after the chunk that takes the text past `maxChars`.
 */
export function formatFollow(
  chunks: readonly FollowChunk[],
  mode: FollowMode,
  direction: FollowDirection,
  peers: { client: string; server: string },
  maxChars = Infinity,
): FollowSegment[] {
  return new FollowFormatter(chunks, mode, direction, peers).page(maxChars, false);
}
