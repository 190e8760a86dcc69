import { describe, expect, it } from 'vitest';
import { CUT_SHORT } from '../../../src/core/capture/messages';
import { Bytes, concat, ng, payload, readAll, rng } from './helpers';

const LE = true;
const BE = false;
const u8 = (...b: number[]) => Uint8Array.from(b);
const i64 = (le: boolean, v: bigint) => new Bytes(le).u64(v & 0xffffffffffffffffn).bytes();

/** Two sections: LE with two interfaces (Ethernet ns, Linux SLL µs), then BE with one (Raw IP, 2^-20 s). */
function twoSections(): Uint8Array {
  const s1 = concat(
    ng.shb(LE, concat(ng.option(LE, 1, ng.text('first section')), ng.endOfOptions(LE))),
    ng.idb(
      LE,
      1,
      262144,
      concat(ng.option(LE, 2, ng.text('eth0')), ng.option(LE, 9, u8(9)), ng.endOfOptions(LE)),
    ),
    ng.idb(LE, 113, 96, concat(ng.option(LE, 3, ng.text('cooked')), ng.endOfOptions(LE))),
    ng.epb(LE, 0, 1795409284481063959n, payload(1, 60)),
    ng.epb(LE, 1, 1700000000123456n, payload(2, 77), 1000),
  );
  const s2 = concat(
    ng.shb(BE),
    ng.idb(
      BE,
      101,
      0,
      concat(ng.option(BE, 9, u8(0x80 | 20)), ng.option(BE, 14, i64(BE, -100n)), ng.endOfOptions(BE)),
    ),
    ng.epb(BE, 0, (1000n << 20n) + (1n << 19n), payload(3, 41)),
  );
  return concat(s1, s2);
}

describe('pcapng reader', () => {
  it('reads two sections of different byte order with per-interface link types and resolutions', () => {
    const file = twoSections();
    const { end, records, info } = readAll(file, 11);
    expect(end).toEqual({ records: 3 });
    expect(info.format).toBe('pcapng');
    expect(info.comments).toEqual(['first section']);
    expect(info.interfaces).toEqual([
      {
        linktype: 1,
        snaplen: 262144,
        tsUnitsPerSec: 1e9,
        tsOffsetSec: 0,
        name: 'eth0',
        description: undefined,
        section: 0,
      },
      {
        linktype: 113,
        snaplen: 96,
        tsUnitsPerSec: 1e6,
        tsOffsetSec: 0,
        name: undefined,
        description: 'cooked',
        section: 0,
      },
      {
        linktype: 101,
        snaplen: 0,
        tsUnitsPerSec: 2 ** 20,
        tsOffsetSec: -100,
        name: undefined,
        description: undefined,
        section: 1,
      },
    ]);
    expect(info.tsPrecision).toBe('other');
    expect(
      records.map((r) => [
        r.index,
        r.interfaceId,
        r.linktype,
        r.tsSec,
        r.tsNsec,
        r.caplen,
        r.origlen,
        r.blockType,
      ]),
    ).toEqual([
      [0, 0, 1, 1795409284, 481063959, 60, 60, 6],
      [1, 1, 113, 1700000000, 123456000, 77, 1000, 6],
      [2, 2, 101, 900, 500000000, 41, 41, 6],
    ]);
    for (const [i, r] of records.entries()) {
      expect(r.data).toEqual(payload(i + 1, r.caplen));
      expect(file.subarray(r.dataOffset, r.dataOffset + r.caplen)).toEqual(r.data);
    }
  });

  it('gives the same records for every chunking, down to single bytes', () => {
    const file = twoSections();
    const whole = readAll(file).records;
    expect(readAll(file, 1).records).toEqual(whole);
    const random = rng(3);
    for (let i = 0; i < 30; i++) expect(readAll(file, () => 1 + random() * 64).records).toEqual(whole);
  });

  it('reads simple packet blocks (captured length from snaplen) and obsolete packet blocks', () => {
    const file = concat(
      ng.shb(LE),
      ng.idb(LE, 1, 40),
      ng.spb(LE, 60, payload(1, 40)),
      ng.pb(LE, 0, 7000001n, payload(2, 30)),
    );
    const { end, records } = readAll(file, 5);
    expect(end.records).toBe(2);
    expect(records.map((r) => [r.blockType, r.caplen, r.origlen, r.tsSec, r.tsNsec, r.interfaceId])).toEqual([
      [3, 40, 60, 0, 0, 0],
      [2, 30, 30, 7, 1000, 0],
    ]);
    expect(records[0].data).toEqual(payload(1, 40));
  });

  it('keeps packet comments and epb_flags, and resets them between packets', () => {
    const opts = concat(
      ng.option(LE, 1, ng.text('hello')),
      ng.option(LE, 1, ng.text('wörld')),
      ng.option(LE, 2, new Bytes(LE).u32(0x01000002).bytes()),
      ng.endOfOptions(LE),
    );
    const file = concat(
      ng.shb(LE),
      ng.idb(LE, 1, 0),
      ng.epb(LE, 0, 1n, payload(1, 10), 10, opts),
      ng.epb(LE, 0, 2n, payload(2, 10)),
    );
    const { records } = readAll(file, 6);
    expect(records[0].comments).toEqual(['hello', 'wörld']);
    expect(records[0].flags).toBe(0x01000002);
    expect(records[1].comments).toBeUndefined();
    expect(records[1].flags).toBeUndefined();
  });

  it('collects TLS key logs from decryption secrets blocks and names from NRBs; skips ISBs, unknown and custom data', () => {
    const keylog = 'CLIENT_RANDOM 00 11\n';
    const dsb = ng.block(
      LE,
      10,
      new Bytes(LE).u32(0x544c534b).u32(keylog.length).raw(ng.text(keylog)).pad4().bytes(),
    );
    const nrbBody = new Bytes(LE)
      .u16(1)
      .u16(4 + 21 + 3)
      .raw([192, 168, 1, 100])
      .raw(ng.text('example.com\0www.examp'))
      .raw([0x6c, 0x65, 0])
      .pad4()
      .u16(2)
      .u16(16 + 6)
      .raw([0xfd, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0])
      .raw(ng.text('host6\0'))
      .pad4()
      .u16(0)
      .u16(0)
      .bytes();
    const isb = ng.block(
      LE,
      5,
      new Bytes(LE)
        .u32(0)
        .u32(0)
        .u32(0)
        .raw(ng.option(LE, 4, new Bytes(LE).u64(5n).bytes()))
        .bytes(),
    );
    const file = concat(
      ng.shb(LE),
      ng.idb(LE, 1, 0),
      dsb,
      ng.block(LE, 4, nrbBody),
      isb,
      ng.block(LE, 0x77, u8(1, 2, 3, 4, 5, 6, 7, 8)),
      ng.epb(LE, 0, 1n, payload(1, 20)),
    );
    const { end, records, info } = readAll(file, 9);
    expect(end).toEqual({ records: 1 });
    expect(records[0].caplen).toBe(20);
    expect(info.tlsKeyLog).toEqual([keylog]);
    expect(info.names).toEqual([
      { address: '192.168.1.100', names: ['example.com', 'www.example'] },
      { address: 'fd00:1::100', names: ['host6'] },
    ]);
  });

  it('numbers custom blocks as frames, like tshark, without a link layer', () => {
    const cb = ng.block(LE, 0xbad, new Bytes(LE).u32(12345).raw(ng.text('abcd')).bytes());
    const file = concat(
      ng.shb(LE),
      ng.idb(LE, 1, 0),
      ng.epb(LE, 0, 1n, payload(1, 8)),
      cb,
      ng.epb(LE, 0, 2n, payload(2, 8)),
    );
    const { records } = readAll(file, 4);
    expect(records.map((r) => [r.index, r.blockType, r.linktype, r.interfaceId, r.caplen])).toEqual([
      [0, 6, 1, 0, 8],
      [1, 0xbad, -1, -1, 4],
      [2, 6, 1, 0, 8],
    ]);
    expect(new TextDecoder().decode(records[1].data)).toBe('abcd');
  });

  it('stops at damage the way tshark does, keeping earlier packets', () => {
    const base = concat(ng.shb(LE), ng.idb(LE, 1, 0), ng.epb(LE, 0, 1n, payload(1, 8)));
    const badFlags = ng.epb(
      LE,
      0,
      2n,
      payload(2, 8),
      8,
      concat(ng.option(LE, 2, u8(1, 0)), ng.endOfOptions(LE)),
    );
    let r = readAll(concat(base, badFlags));
    expect(r.records.length).toBe(1);
    expect(r.end.error?.tsharkMessage).toBe(
      'appears to be damaged or corrupt.\n(pcapng: packet block flags option length 2 is not 4)',
    );

    r = readAll(concat(base, ng.epb(LE, 3, 2n, payload(2, 8))));
    expect(r.records.length).toBe(1);
    expect(r.end.error?.tsharkMessage).toContain(
      '(pcapng: interface index 3 is not less than section interface count 1)',
    );

    const mismatched = ng.epb(LE, 0, 2n, payload(2, 8));
    new DataView(mismatched.buffer).setUint32(mismatched.length - 4, 999, true);
    r = readAll(concat(base, mismatched));
    expect(r.end.error?.tsharkMessage).toContain(
      "(pcapng: total block lengths (first 40 and second 1000) don't match)",
    );

    const noIdb = concat(ng.shb(LE), ng.epb(LE, 0, 1n, payload(1, 8)));
    expect(readAll(noIdb).end.error?.tsharkMessage).toContain(
      'interface index 0 is not less than section interface count 0',
    );
  });

  it('rejects an absurd block length without waiting for it', () => {
    const huge = new Bytes(LE).u32(6).u32(0x80000000).u32(0).bytes();
    const { end, records } = readAll(
      concat(ng.shb(LE), ng.idb(LE, 1, 0), ng.epb(LE, 0, 1n, payload(1, 8)), huge),
    );
    expect(records.length).toBe(1);
    expect(end.error?.tsharkMessage).toContain('pcapng: total block length 2147483648 is too large');
  });

  it('reports a block cut short after delivering earlier packets', () => {
    const file = concat(
      ng.shb(LE),
      ng.idb(LE, 1, 0),
      ng.epb(LE, 0, 1n, payload(1, 8)),
      ng.epb(LE, 0, 2n, payload(2, 100)),
    );
    const { end, records } = readAll(file.subarray(0, file.length - 7), 16);
    expect(records.length).toBe(1);
    expect(end.cutShort?.message).toBe(CUT_SHORT);
  });

  it('tells a pcapng file with an unknown byte-order magic from a capture', () => {
    const file = ng.shb(LE);
    new DataView(file.buffer).setUint32(8, 0x12345678, true);
    const { end } = readAll(file);
    expect(end.error?.kind).toBe('not-a-capture');
    expect(end.error?.message).toContain('pcapng with unknown byte-order magic 0x12345678');
    expect(end.error?.tsharkMessage).toBe("isn't a capture file in a format TShark understands.");
  });

  it('handles a packet far larger than the chunks in linear time', () => {
    const big = new Uint8Array(8 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff;
    const len = 32 + big.length;
    const epbHead = new Bytes(LE).u32(6).u32(len).u32(0).ticks(1n).u32(big.length).u32(big.length).bytes();
    const file = concat(ng.shb(LE), ng.idb(LE, 231, 0), epbHead, big, new Bytes(LE).u32(len).bytes());
    const t0 = performance.now();
    const { records } = readAll(file, 1000);
    const ms = performance.now() - t0;
    expect(records.length).toBe(1);
    expect(Buffer.compare(records[0].data, big)).toBe(0);
    // 8400 chunks; a quadratic carry would copy ~35 GB here.
    expect(ms).toBeLessThan(5000);
  });
});
