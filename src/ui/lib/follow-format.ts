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
 * Renders the followed stream's chunks in a mode, keeping one segment per chunk for colouring.
 * Stops after the chunk that takes the text past `maxChars`: the dialog shows only so much, and
 * a hex dump of a bulk stream of tens of MB took seconds of the page's main thread.
 */
export function formatFollow(
  chunks: readonly FollowChunk[],
  mode: FollowMode,
  direction: FollowDirection,
  peers: { client: string; server: string },
  maxChars = Infinity,
): FollowSegment[] {
  const out: FollowSegment[] = [];
  let chars = 0;
  const offsets = [0, 0];
  const counts = [0, 0];
  if (mode === 'yaml') {
    out.push({
      dir: 0,
      text: `peers:\n  - peer: 0\n    host: ${peers.client}\n  - peer: 1\n    host: ${peers.server}\npackets:\n`,
    });
  }
  for (const c of chunks) {
    if (!keepChunk(c.dir, direction)) continue;
    let text: string;
    switch (mode) {
      case 'ascii':
        text = asciiText(c.bytes);
        break;
      case 'raw':
        text = rawText(c.bytes);
        break;
      case 'hexdump':
        text = hexDumpText(c.bytes, offsets[c.dir], c.dir === 1 ? '    ' : '');
        break;
      case 'carrays':
        text = cArrayText(c.bytes, c.dir, counts[c.dir], c.frame);
        break;
      case 'yaml':
        text = yamlText(c.bytes, c.dir, counts[c.dir], c.frame);
        break;
    }
    offsets[c.dir] += c.bytes.length;
    counts[c.dir]++;
    const last = out[out.length - 1];
    if (last && last.dir === c.dir && mode !== 'yaml') last.text += text;
    else out.push({ dir: c.dir, text });
    chars += text.length;
    if (chars > maxChars) break;
  }
  return out;
}
