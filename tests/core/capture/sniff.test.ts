import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../../src/core/capture/sniff';
import { readAll } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);

describe('format sniffing', () => {
  it('recognises the capture magics from four bytes', () => {
    expect(sniffFormat(Uint8Array.from([0xd4, 0xc3, 0xb2, 0xa1]), false).kind).toBe('pcap');
    expect(sniffFormat(Uint8Array.from([0xa1, 0xb2, 0x3c, 0x4d]), false).kind).toBe('pcap');
    expect(sniffFormat(Uint8Array.from([0x34, 0xcd, 0xb2, 0xa1]), false).kind).toBe('pcap');
    expect(sniffFormat(Uint8Array.from([0x0a, 0x0d, 0x0d, 0x0a]), false).kind).toBe('pcapng');
    expect(sniffFormat(Uint8Array.from([0x1f, 0x8b]), false).kind).toBe('gzip');
    expect(sniffFormat(Uint8Array.from([0xd4, 0xc3]), false).kind).toBe('need-more');
  });

  it('names what a non-capture file is', () => {
    const cases: [Uint8Array, string][] = [
      [
        Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
        'This is a PNG image, not a capture file',
      ],
      [enc('hello world\nthis is text\n'), 'This is a text file, not a capture file'],
      [enc('<!DOCTYPE html><html></html>'), 'This is an HTML page, not a capture file'],
      [
        enc('CLIENT_RANDOM 0011 2233\n'),
        'This is a TLS key log file, not a capture file (load it as a key log)',
      ],
      [
        Uint8Array.from([1, 2, 3, 4, 0, 0, 0, 0]),
        'This is not a pcap or pcapng capture file (it starts with bytes 01 02 03 04)',
      ],
    ];
    for (const [bytes, message] of cases) {
      const { end, records } = readAll(bytes, 3);
      expect(records).toEqual([]);
      expect(end.error).toEqual({
        kind: 'not-a-capture',
        message,
        offset: 0,
        tsharkMessage: "isn't a capture file in a format TShark understands.",
      });
    }
  });

  it('treats an empty file as tshark does: no packets and no tshark message', () => {
    const { end } = readAll(new Uint8Array(0));
    expect(end.records).toBe(0);
    expect(end.error?.kind).toBe('empty-file');
    expect(end.error?.tsharkMessage).toBeUndefined();
  });

  it('does not mistake a too-short file for a capture', () => {
    expect(readAll(Uint8Array.from([0xd4, 0xc3])).end.error?.kind).toBe('not-a-capture');
    expect(readAll(Uint8Array.from([0x0a, 0x0d, 0x0d, 0x0a, 1, 2])).end.error?.kind).toBe('not-a-capture');
  });
});
