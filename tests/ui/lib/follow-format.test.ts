import { describe, expect, it } from 'vitest';
import { FOLLOW_MODES, FollowFormatter, formatFollow } from '../../../src/ui/lib/follow-format';
import type { FollowChunk } from '../../../src/worker/types';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const chunks: FollowChunk[] = [
  { dir: 0, bytes: enc('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), frame: 4 },
  { dir: 1, bytes: enc('HTTP/1.1 200 OK\r\n\r\nhi\x00\x01'), frame: 6 },
  { dir: 1, bytes: enc('more'), frame: 7 },
];
const peers = { client: '10.0.0.1:1234', server: '10.0.0.2:80' };

describe('formatFollow', () => {
  it('ASCII: line breaks kept, CR dropped, control bytes as dots; consecutive chunks of one side merged', () => {
    const segs = formatFollow(chunks, 'ascii', 'both', peers);
    expect(segs).toEqual([
      { dir: 0, text: 'GET / HTTP/1.1\nHost: x\n\n' },
      { dir: 1, text: 'HTTP/1.1 200 OK\n\nhi..more' },
    ]);
  });
  it('Raw: one hex line per chunk', () => {
    const text = formatFollow(chunks, 'raw', 'both', peers)
      .map((s) => s.text)
      .join('');
    expect(text.split('\n').filter(Boolean)).toEqual([
      '474554202f20485454502f312e310d0a486f73743a20780d0a0d0a',
      '485454502f312e3120323030204f4b0d0a0d0a68690001',
      '6d6f7265',
    ]);
  });
  it('one direction only', () => {
    const segs = formatFollow(chunks, 'raw', 's2c', peers);
    expect(segs.every((s) => s.dir === 1)).toBe(true);
    expect(segs[0].text.split('\n').filter(Boolean)).toHaveLength(2);
  });
  it('Hex dump: offsets count per side, server lines indented', () => {
    const segs = formatFollow(chunks, 'hexdump', 'both', peers);
    const server = segs[1].text.split('\n').filter(Boolean);
    expect(server[0]).toMatch(
      /^ {4}00000000 {2}48 54 54 50 2f 31 2e 31 {2}20 32 30 30 20 4f 4b 0d {2}HTTP\/1\.1 200 OK\.$/,
    );
    expect(server.at(-1)).toMatch(/^ {4}00000017 {2}6d 6f 72 65/);
  });
  it('C arrays and YAML name each chunk by side and index', () => {
    const c = formatFollow(chunks, 'carrays', 'both', peers)
      .map((s) => s.text)
      .join('');
    expect(c).toContain('char peer0_0[] = { /* Packet 4 */');
    expect(c).toContain('char peer1_1[] = { /* Packet 7 */\n0x6d, 0x6f, 0x72, 0x65 };');
    const y = formatFollow(chunks, 'yaml', 'both', peers)
      .map((s) => s.text)
      .join('');
    expect(y).toContain('host: 10.0.0.2:80');
    expect(y).toContain('  - packet: 7\n    peer: 1\n    index: 1\n    data: !!binary |\n      bW9yZQ==\n');
  });
  it('stops after the chunk that passes maxChars: a prefix of the whole text, as long as the limit or whole', () => {
    const many: FollowChunk[] = Array.from({ length: 500 }, (_, i) => ({
      dir: (i % 3 === 0 ? 1 : 0) as 0 | 1,
      bytes: enc(`chunk ${i} `.repeat(20)),
      frame: i + 1,
    }));
    const join = (segs: { text: string }[]): string => segs.map((x) => x.text).join('');
    for (const mode of FOLLOW_MODES.map((m) => m.value)) {
      const full = join(formatFollow(many, mode, 'both', peers));
      for (const limit of [0, 1000, 25_000, full.length - 1, full.length, full.length * 2]) {
        const part = join(formatFollow(many, mode, 'both', peers, limit));
        expect(full.startsWith(part)).toBe(true);
        if (limit < full.length) expect(part.length).toBeGreaterThan(limit);
        else expect(part).toBe(full);
        expect(part.length).toBeLessThan(limit + 2000);
      }
    }
  });
  it('pages: together the whole text; an ASCII page ends at its last line break', () => {
    const many: FollowChunk[] = Array.from({ length: 300 }, (_, i) => ({
      dir: (i % 4 === 0 ? 1 : 0) as 0 | 1,
      bytes: enc(i % 7 === 0 ? `no line end ${i} ` : `line ${i}\r\nand more ${i}\n`.repeat(3)),
      frame: i + 1,
    }));
    const join = (segs: { text: string }[]): string => segs.map((x) => x.text).join('');
    for (const mode of FOLLOW_MODES.map((m) => m.value)) {
      for (const direction of ['both', 'c2s', 's2c'] as const) {
        const full = join(formatFollow(many, mode, direction, peers));
        for (const size of [1, 500, 4000]) {
          const f = new FollowFormatter(many, mode, direction, peers);
          const pages: { text: string }[][] = [];
          while (!f.done) pages.push(f.page(size));
          expect(pages.map(join).join('')).toBe(full);
          expect(pages.length).toBeGreaterThan(1);
          if (mode !== 'ascii') continue;
          // A page ends at a line break unless the last run of one side in it has none.
          for (const p of pages.slice(0, -1)) {
            const last = p[p.length - 1]?.text ?? '\n';
            expect(last.endsWith('\n') || !last.includes('\n')).toBe(true);
          }
        }
      }
    }
  });
});
