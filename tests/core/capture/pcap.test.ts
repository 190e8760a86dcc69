import { describe, expect, it } from 'vitest';
import { CUT_SHORT, CUT_SHORT_AT_OPEN } from '../../../src/core/capture/messages';
import { Bytes, concat, payload, pcapFile, readAll, rng } from './helpers';

const three = [
  { sec: 1700000000, frac: 123456, data: payload(1, 60) },
  { sec: 1700000001, frac: 999999, data: payload(2, 1514), orig: 1514 },
  { sec: 1700000002, frac: 0, data: payload(3, 96), orig: 1500 },
];

describe('pcap reader', () => {
  for (const le of [true, false]) {
    it(`reads microsecond files (${le ? 'little' : 'big'}-endian)`, () => {
      const file = pcapFile({ le, records: three });
      const { end, records, info } = readAll(file, 7);
      expect(end).toEqual({ records: 3 });
      expect(info.format).toBe('pcap');
      expect(info.tsPrecision).toBe('usec');
      expect(info.interfaces).toEqual([
        { linktype: 1, snaplen: 65535, tsUnitsPerSec: 1e6, tsOffsetSec: 0, section: 0 },
      ]);
      expect(
        records.map((r) => [r.index, r.tsSec, r.tsNsec, r.caplen, r.origlen, r.linktype, r.interfaceId]),
      ).toEqual([
        [0, 1700000000, 123456000, 60, 60, 1, 0],
        [1, 1700000001, 999999000, 1514, 1514, 1, 0],
        [2, 1700000002, 0, 96, 1500, 1, 0],
      ]);
      let off = 24;
      for (const [i, r] of records.entries()) {
        off += 16;
        expect(r.dataOffset).toBe(off);
        expect(r.data).toEqual(three[i].data);
        expect(file.subarray(r.dataOffset, r.dataOffset + r.caplen)).toEqual(r.data);
        off += r.caplen;
      }
    });

    it(`reads nanosecond files (${le ? 'little' : 'big'}-endian)`, () => {
      const file = pcapFile({
        le,
        magic: 0xa1b23c4d,
        records: [{ sec: 5, frac: 999999999, data: payload(1, 40) }],
      });
      const { end, records, info } = readAll(file, 3);
      expect(end.records).toBe(1);
      expect(info.tsPrecision).toBe('nsec');
      expect(info.interfaces[0].tsUnitsPerSec).toBe(1e9);
      expect([records[0].tsSec, records[0].tsNsec]).toEqual([5, 999999999]);
    });
  }

  it('gives the same records whatever the chunking', () => {
    const file = pcapFile({ records: three });
    const whole = readAll(file).records;
    const random = rng(7);
    for (let i = 0; i < 20; i++) expect(readAll(file, () => 1 + random() * 100).records).toEqual(whole);
    expect(readAll(file, 1).records).toEqual(whole);
  });

  it('reads the modified (Kuznetzov) magic with its 24-byte record headers', () => {
    const w = new Bytes(true).u32(0xa1b2cd34).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(1);
    for (let i = 1; i <= 2; i++) {
      const data = payload(i, 50);
      // ts, incl, orig, then ifindex(4) protocol(2) pkt_type(1) pad(1)
      w.u32(100 + i)
        .u32(5)
        .u32(data.length)
        .u32(data.length)
        .u32(2)
        .u16(0x0800)
        .u8(0)
        .u8(0)
        .raw(data);
    }
    const { end, records, info } = readAll(w.bytes(), 5);
    expect(end).toEqual({ records: 2 });
    expect(info.tsPrecision).toBe('usec');
    expect(records.map((r) => [r.tsSec, r.caplen, r.dataOffset])).toEqual([
      [101, 50, 48],
      [102, 50, 122],
    ]);
    expect(records[1].data).toEqual(payload(2, 50));
  });

  it('masks the FCS bits of the link-type field but rejects reserved bits', () => {
    const withFcs = readAll(pcapFile({ network: 0x34000001, records: three }));
    expect(withFcs.end).toEqual({ records: 3 });
    expect(withFcs.records[0].linktype).toBe(1);
    const reserved = readAll(pcapFile({ network: 0x00010001, records: three })).end;
    expect(reserved.records).toBe(0);
    expect(reserved.error?.tsharkMessage).toBe(
      "contains record data that TShark doesn't support.\n(pcap: network type reserved field not zero (0x00010000))",
    );
  });

  it('rejects link types tshark does not support, like tshark', () => {
    const { end, records } = readAll(pcapFile({ network: 282, records: three }));
    expect(records).toEqual([]);
    expect(end.error?.kind).toBe('unsupported-linktype');
    expect(end.error?.tsharkMessage).toBe(
      "contains record data that TShark doesn't support.\n(pcap: network type 282 unknown or unsupported)",
    );
  });

  it('rejects major version 1', () => {
    const { end } = readAll(pcapFile({ version: [1, 0], records: three }));
    expect(end.error?.tsharkMessage).toContain('(pcap: major version 1 unsupported)');
  });

  it('swaps captured/original lengths in pre-2.3 files', () => {
    const w = new Bytes(true).u32(0xa1b2c3d4).u16(2).u16(1).u32(0).u32(0).u32(65535).u32(1);
    w.u32(1).u32(2).u32(1500).u32(64).raw(payload(1, 64)); // orig_len first in 2.1
    const { records } = readAll(w.bytes());
    expect(records.map((r) => [r.caplen, r.origlen])).toEqual([[64, 1500]]);
  });

  it('reports a record cut short after delivering every earlier record', () => {
    const file = pcapFile({ records: three });
    for (const cut of [1, 10, 17, 50]) {
      const { end, records } = readAll(file.subarray(0, file.length - cut), 13);
      expect(records.length).toBe(2);
      expect(end.cutShort).toEqual({ offset: 24 + 16 + 60 + 16 + 1514, message: CUT_SHORT });
      expect(end.error).toBeUndefined();
    }
  });

  it('reports a truncated file header as cut short while opening', () => {
    const { end, records } = readAll(pcapFile({ records: [] }).subarray(0, 10));
    expect(records).toEqual([]);
    expect(end.cutShort?.message).toBe(CUT_SHORT_AT_OPEN);
  });

  it('reads a header-only file as zero packets', () => {
    expect(readAll(pcapFile({ records: [] })).end).toEqual({ records: 0 });
  });

  it('stops with an error at an absurd record length, keeping earlier frames', () => {
    const records = [...three, { sec: 9, frac: 0, data: new Uint8Array(100), incl: 2 ** 31, orig: 2 ** 31 }];
    const { end, records: got } = readAll(pcapFile({ records }), 4096);
    expect(got.length).toBe(3);
    expect(end.error?.kind).toBe('bad-record');
    expect(end.error?.offset).toBe(24 + 16 * 3 + 60 + 1514 + 96);
    expect(end.error?.tsharkMessage).toBe(
      'appears to be damaged or corrupt.\n(pcap: File has 2147483648-byte packet, bigger than maximum of 262144)',
    );
  });

  it('chooses the variant like tshark when an early record looks wrong', () => {
    // A second record claiming 2^31 bytes makes tshark 4.0 read the file with ss990417 (24-byte)
    // record headers; it then finds 5 frames and reports the file cut short.
    const file = concat(
      pcapFile({ records: [{ sec: 1, frac: 2, data: new Uint8Array(60).fill(0x11) }] }),
      new Bytes(true)
        .u32(3)
        .u32(4)
        .u32(2 ** 31)
        .u32(2 ** 31)
        .bytes(),
      new Uint8Array(100),
    );
    const { end, records } = readAll(file, 9);
    expect(records.length).toBe(5);
    expect(records[0].caplen).toBe(60);
    expect(end.cutShort?.message).toBe(CUT_SHORT);
  });

  it('allows 128 MiB-class packets only for the link types wiretap allows them for', () => {
    const big = { sec: 1, frac: 0, data: new Uint8Array(300000) };
    const dbus = readAll(
      pcapFile({ magic: 0xa1b23c4d, network: 231, snaplen: 2 ** 31, records: [big] }),
      65536,
    );
    expect(dbus.end).toEqual({ records: 1 });
    const eth = readAll(pcapFile({ magic: 0xa1b23c4d, network: 1, snaplen: 2 ** 31, records: [big] }), 65536);
    expect(eth.end.error?.tsharkMessage).toContain('bigger than maximum of 262144');
  });

  it('stops like wiretap on a packet shorter than its pseudo-header', () => {
    const file = pcapFile({
      network: 123,
      records: [
        { sec: 1, frac: 0, data: payload(1, 8) },
        { sec: 2, frac: 0, data: payload(2, 3) },
      ],
    });
    const { end, records } = readAll(file);
    expect(records.length).toBe(1);
    expect(end.error?.kind).toBe('bad-record');
  });

  it('normalises out-of-range fractions', () => {
    const file = pcapFile({
      magic: 0xa1b23c4d,
      records: [{ sec: 1, frac: 2500000000, data: payload(1, 20) }],
    });
    const { records } = readAll(file);
    expect([records[0].tsSec, records[0].tsNsec]).toEqual([3, 500000000]);
  });
});
