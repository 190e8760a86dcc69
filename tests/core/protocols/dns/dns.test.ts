import { describe, expect, it } from 'vitest';
import { readName } from '../../../../src/core/protocols/dns/names';
import { dissectDnsMessage, dissectDnsTcp } from '../../../../src/core/protocols/dns/dissector';
import { Tvb } from '../../../../src/core/dissect/tvb';
import { BoundsError } from '../../../../src/core/dissect/tvb';
import { DESEGMENT_ONE_MORE_SEGMENT } from '../../../../src/core/dissect/packet-info';
import { concat, hex, makePinfo, newCapture, withTree } from './helpers';

function name(s: string): number[] {
  const out: number[] = [];
  for (const l of s.split('.')) out.push(l.length, ...Array.from(l, (c) => c.charCodeAt(0)));
  out.push(0);
  return out;
}

const u16 = (v: number): number[] => [v >> 8, v & 255];
const u32 = (v: number): number[] => [v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255];
const header = (id: number, flags: number, q: number, an: number, ns: number, ar: number): number[] => [
  ...u16(id),
  ...u16(flags),
  ...u16(q),
  ...u16(an),
  ...u16(ns),
  ...u16(ar),
];

const QUERY = concat(header(0xdc2a, 0x0120, 1, 0, 0, 1), name('example.com'), u16(1), u16(1), [
  0,
  ...u16(41),
  ...u16(1232),
  ...u32(0),
  ...u16(12),
  ...u16(10),
  ...u16(8),
  ...Array.from(hex('e4948841f1927d08')),
]);
const RESPONSE = concat(header(0xdc2a, 0x8580, 1, 1, 0, 0), name('example.com'), u16(1), u16(1), [
  0xc0,
  0x0c,
  ...u16(1),
  ...u16(1),
  ...u32(300),
  ...u16(4),
  192,
  168,
  1,
  100,
]);

describe('DNS names', () => {
  it('reads plain and compressed names', () => {
    const msg = concat(header(1, 0, 0, 0, 0, 0), name('www.example.com'), [0xc0, 16]);
    const tvb = Tvb.of({ name: 't', bytes: msg });
    expect(readName(tvb, 0, 12)).toEqual({ text: 'www.example.com', used: 17, labels: 3, textLen: 15 });
    // The pointer to offset 16 skips "www": used counts only the 2 pointer bytes.
    expect(readName(tvb, 0, 29)).toEqual({ text: 'example.com', used: 2, labels: 2, textLen: 11 });
  });

  it('shows the root name as <Root>', () => {
    const tvb = Tvb.of({ name: 't', bytes: new Uint8Array([0]) });
    expect(readName(tvb, 0, 0)).toEqual({ text: '<Root>', used: 1, labels: 1, textLen: 6 });
  });

  it('stops on a pointer to itself and on a two-pointer cycle', () => {
    const self = Tvb.of({ name: 't', bytes: concat(header(1, 0, 0, 0, 0, 0), [0xc0, 12]) });
    const a = readName(self, 0, 12);
    expect(a.text).toBe('<Name contains a pointer that loops>');
    expect(a.used).toBe(2);
    const cycle = Tvb.of({
      name: 't',
      bytes: concat(header(1, 0, 0, 0, 0, 0), [3, 97, 98, 99, 0xc0, 18, 3, 100, 101, 102, 0xc0, 12]),
    });
    const b = readName(cycle, 0, 12);
    expect(b.text).toBe('<Name contains a pointer that loops>');
    expect(b.used).toBe(6);
    expect(b.textLen).toBe(36);
  });

  it('throws a bounds error for a name running off the message', () => {
    const tvb = Tvb.of({ name: 't', bytes: new Uint8Array([5, 97, 98]) });
    expect(() => readName(tvb, 0, 0)).toThrow(BoundsError);
  });
});

describe('DNS messages', () => {
  it('decodes a query like tshark (Info, flags, EDNS cookie)', () => {
    const cap = newCapture();
    const pinfo = makePinfo(cap, 3);
    const { field } = withTree(QUERY, (tvb, tree) => dissectDnsMessage(tvb, 0, pinfo, tree, 'dns', 0));
    expect(pinfo.cols?.protocol).toBe('DNS');
    expect(pinfo.cols?.info).toBe('Standard query 0xdc2a A example.com OPT');
    expect(field('dns.id')).toBe('0xdc2a');
    expect(field('dns.flags')).toBe('0x0120');
    expect(field('dns.flags.authenticated')).toBe('1');
    expect(field('dns.flags.rcode')).toBe('');
    expect(field('dns.qry.name')).toBe('example.com');
    expect(field('dns.qry.name.len')).toBe('11');
    expect(field('dns.count.labels')).toBe('2');
    expect(field('dns.rr.udp_payload_size')).toBe('1232');
    expect(field('dns.opt.cookie.client')).toBe('e4948841f1927d08');
    expect(field('dns.opt.cookie.server')).toBe('<MISSING>');
  });

  it('links a response to its request and measures dns.time', () => {
    const cap = newCapture();
    const q = makePinfo(cap, 3, { sec: 10 });
    withTree(QUERY, (tvb, tree) => dissectDnsMessage(tvb, 0, q, tree, 'dns', 0));
    const r = makePinfo(cap, 4, { sec: 10, src: 0x0a000002, dst: 0x0a000001, sport: 53, dport: 40000 });
    r.tsNsec = 135000;
    const { field } = withTree(RESPONSE, (tvb, tree) => dissectDnsMessage(tvb, 0, r, tree, 'dns', 0));
    expect(r.cols?.info).toBe('Standard query response 0xdc2a A example.com A 192.168.1.100');
    expect(field('dns.a')).toBe('192.168.1.100');
    expect(field('dns.resp.ttl')).toBe('300');
    expect(field('dns.response_to')).toBe('3');
    expect(field('dns.time')).toBe('0.000135000');
    // Revisiting the request now shows where its answer is.
    const again = makePinfo(cap, 3, { sec: 10 });
    again.visited = true;
    const second = withTree(QUERY, (tvb, tree) => dissectDnsMessage(tvb, 0, again, tree, 'dns', 0));
    expect(second.field('dns.response_in')).toBe('4');
  });

  it('flags a repeated query as a retransmission', () => {
    const cap = newCapture();
    withTree(QUERY, (tvb, tree) => dissectDnsMessage(tvb, 0, makePinfo(cap, 1), tree, 'dns', 0));
    const p2 = makePinfo(cap, 2);
    const { field } = withTree(QUERY, (tvb, tree) => dissectDnsMessage(tvb, 0, p2, tree, 'dns', 0));
    expect(field('dns.retransmit_request_in')).toBe('1');
    expect(field('dns.retransmission')).toBe('1');
    expect(p2.expert[0].summary).toBe('DNS query retransmission. Original request in frame 1');
  });

  it('throws (malformed) when a record is cut short, after showing what was there', () => {
    const cut = RESPONSE.subarray(0, RESPONSE.length - 2);
    const pinfo = makePinfo(newCapture(), 1);
    let error: unknown;
    const { field } = withTree(cut, (tvb, tree) => {
      try {
        dissectDnsMessage(tvb, 0, pinfo, tree, 'dns', 0);
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(BoundsError);
    expect(field('dns.qry.name')).toBe('example.com');
  });
});

describe('DNS over TCP', () => {
  it('asks TCP for the rest of a message split over segments', () => {
    const pdu = concat(u16(QUERY.length), QUERY);
    const pinfo = makePinfo(newCapture(), 1, { tcp: true });
    pinfo.canDesegment = 1;
    withTree(pdu.subarray(0, 20), (tvb, tree) => dissectDnsTcp(tvb, pinfo, tree));
    expect(pinfo.desegmentOffset).toBe(0);
    expect(pinfo.desegmentLen).toBe(pdu.length - 20);
    const one = makePinfo(newCapture(), 1, { tcp: true });
    one.canDesegment = 1;
    withTree(pdu.subarray(0, 1), (tvb, tree) => dissectDnsTcp(tvb, one, tree));
    expect(one.desegmentLen).toBe(DESEGMENT_ONE_MORE_SEGMENT);
  });

  it('decodes two messages in one segment with the length field', () => {
    const two = concat(u16(QUERY.length), QUERY, u16(RESPONSE.length), RESPONSE);
    const pinfo = makePinfo(newCapture(), 1, { tcp: true });
    pinfo.canDesegment = 1;
    const { field } = withTree(two, (tvb, tree) => dissectDnsTcp(tvb, pinfo, tree));
    expect(field('dns.length')).toBe(`${QUERY.length},${RESPONSE.length}`);
    expect(field('dns.id')).toBe('0xdc2a,0xdc2a');
    expect(pinfo.layers).toEqual(['dns']);
  });
});
