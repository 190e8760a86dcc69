/**
 * DNS on hand-made captures (cases.ts), every expectation read from tshark 4.0 on the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { readName } from '../../../../src/core/protocols/dns/names';
import { BoundsError, Tvb } from '../../../../src/core/dissect/tvb';
import { dissectCapture } from '../http/capture';
import {
  ednsAndDnssec,
  header,
  heuristicPort,
  malformed,
  mdns,
  name,
  queryRetransmitAnswer,
  recordTypes,
  tcpMessages,
} from './cases';

function tvbOf(bytes: number[]): Tvb {
  return Tvb.of({ name: 't', bytes: new Uint8Array(bytes) });
}

describe('DNS names (expand_dns_name)', () => {
  it('follows compression pointers; used bytes stop at the first pointer', () => {
    const t = tvbOf([...header(1, 0, 0, 0, 0, 0), ...name('www.example.com'), 0xc0, 16]);
    expect(readName(t, 0, 12)).toMatchObject({ text: 'www.example.com', used: 17, labels: 3, nameLen: 15 });
    expect(readName(t, 0, 29)).toMatchObject({ text: 'example.com', used: 2, labels: 2, nameLen: 11 });
  });

  it('shows the root as <Root> and escapes unprintable label bytes', () => {
    expect(readName(tvbOf([0]), 0, 0)).toMatchObject({ text: '<Root>', used: 1, labels: 1, nameLen: 6 });
    expect(readName(tvbOf([1, 1, 2, 0, 0, 0]), 0, 0).text).toBe('\\001.\\000\\000');
  });

  it('gives up on pointer loops after 256 pointers and on names over 255 bytes', () => {
    const loop = readName(tvbOf([...header(1, 0, 0, 0, 0, 0), 0xc0, 12]), 0, 12);
    expect(loop).toMatchObject({
      text: '<Name contains a pointer that loops>',
      used: 2,
      labels: 1,
      nameLen: 36,
    });
    const long: number[] = [];
    for (let i = 0; i < 5; i++) long.push(63, ...new Array<number>(63).fill(0x61));
    expect(readName(tvbOf([...long, 0]), 0, 0)).toMatchObject({
      text: '<Name too long>',
      used: 321,
      nameLen: 15,
    });
  });

  it('raises the malformed exception for reserved label types and names off the end', () => {
    expect(() => readName(tvbOf([0x81, 0x61, 0]), 0, 0)).toThrow(BoundsError);
    expect(() => readName(tvbOf([5, 97, 98]), 0, 0)).toThrow(BoundsError);
  });
});

describe('DNS over UDP', () => {
  it('links queries, retransmissions and responses like tshark', () => {
    const f = dissectCapture(queryRetransmitAnswer());
    expect(f.map((x) => x.info)).toEqual([
      'Standard query 0x1234 A www.example.com',
      'Standard query 0x1234 A www.example.com',
      'Standard query response 0x1234 A www.example.com CNAME web.example.com A 192.0.2.7',
      'Standard query response 0x1234 A www.example.com CNAME web.example.com A 192.0.2.7',
    ]);
    expect(f[1].field('dns.retransmit_request_in')).toBe('1');
    expect(f[1].field('dns.retransmission')).toBe('1');
    expect(f[2].field('dns.response_to')).toBe('1');
    expect(f[2].field('dns.time')).toBe('0.002000000');
    expect(f[2].field('dns.resp.name')).toBe('www.example.com,web.example.com');
    expect(f[2].field('dns.cname')).toBe('web.example.com');
    expect(f[2].field('dns.a')).toBe('192.0.2.7');
    expect(f[3].field('dns.retransmit_response_in')).toBe('3');
    expect(f[3].field('dns.response_to')).toBe('');
    expect(f[0].field('dns.response_in')).toBe('');
  });

  it('finds DNS on a non-standard port with the dns_udp heuristic', () => {
    const f = dissectCapture(heuristicPort());
    expect(f.map((x) => `${x.layers}|${x.protocol}`)).toEqual([
      'eth:ethertype:ip:udp:dns|DNS',
      'eth:ethertype:ip:udp:dns|DNS',
    ]);
    expect(f[1].field('dns.response_to')).toBe('1');
  });

  it('decodes mDNS QU questions, cache-flush answers and UTF-8 TXT', () => {
    const f = dissectCapture(mdns());
    expect(f[0].info).toBe('Standard query 0x0000 TXT printer.local, "QU" question');
    expect(f[0].layers).toBe('eth:ethertype:ip:udp:mdns');
    expect(f[0].field('dns.qry.qu')).toBe('1');
    expect(f[0].field('dns.qry.class')).toBe('0x0001');
    expect(f[1].info).toBe('Standard query response 0x0000 TXT, cache flush');
    expect(f[1].field('dns.resp.cache_flush')).toBe('1');
    expect(f[1].field('dns.resp.class')).toBe('0x0001');
    expect(f[1].field('dns.txt')).toBe('note=café!');
    expect(f[1].protocol).toBe('MDNS');
  });

  it('decodes EDNS(0) options and DNSSEC records', () => {
    const [q, r] = dissectCapture(ednsAndDnssec());
    expect(q.field('dns.opt.code')).toBe('8,10,12,15');
    expect(q.field('dns.opt.client.addr4')).toBe('198.51.100.0');
    expect(q.field('dns.opt.cookie.client')).toBe('0102030405060708');
    expect(q.field('dns.opt.cookie.server')).toBe('eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee');
    expect(q.field('dns.opt.padding')).toBe('<MISSING>');
    expect(q.field('dns.opt.ext_error.info_code')).toBe('18');
    expect(q.field('dns.opt.ext_error.extra_text')).toBe('nope');
    expect(q.field('dns.resp.z.do')).toBe('1');
    expect(r.info).toBe(
      'Standard query response 0x0007 DNSKEY example.net DNSKEY RRSIG NSEC z.example.net NSEC3',
    );
    expect(r.field('dns.dnskey.key_id')).toBe('39700');
    expect(r.field('dns.dnskey.flags.secure_entry_point')).toBe('1');
    expect(r.field('dns.rrsig.signature_expiration')).toBe('Nov 14, 2023 22:13:20.000000000 UTC');
    expect(r.field('dns.rrsig.signers_name')).toBe('example.net');
    // Type bitmaps add more dns.resp.type occurrences.
    expect(r.field('dns.resp.type')).toBe('48,46,47,1,15,38,39,50,1');
    expect(r.field('dns.nsec3.hash_value')).toBe('006hk9pk8575mq3lga7ppadmof8drqnn');
  });

  it('decodes SRV, NAPTR, CAA, SOA and HTTPS records; other types as undecoded data', () => {
    const [m] = dissectCapture(recordTypes());
    expect(m.info).toBe(
      'Standard query response 0x000b SRV 1 2 5060 sip.example.com NAPTR 10 20 S CAA SOA ns.example.com HTTPS URI',
    );
    expect(m.field('dns.srv.service')).toBe('_sip');
    expect(m.field('dns.srv.proto')).toBe('_tcp');
    expect(m.field('dns.srv.name')).toBe('example.com');
    expect(m.field('dns.naptr.replacement')).toBe('_sip._udp.example.com');
    expect(m.field('dns.naptr.replacement_length')).toBe('21');
    expect(m.field('dns.caa.issue')).toBe('letsencrypt.org');
    expect(m.field('dns.soa.minimum_ttl')).toBe('300');
    expect(m.field('dns.svcb.svcparam.alpn')).toBe('h2,h3');
    expect(m.field('dns.svcb.svcparam.port')).toBe('8443');
    expect(m.field('dns.svcb.targetname')).toBe('<Root>');
    expect(m.field('dns.data')).toBe('000a000168747470733a2f2f6578616d706c652e636f6d2f');
    expect(m.field('dns.undecoded.type')).toBe('1');
  });

  it('shows malformed and cut-short messages as tshark does', () => {
    const f = dissectCapture(malformed());
    expect(f.map((x) => x.info)).toEqual([
      'Standard query response 0x0001 A 1.2.3.4 TXT[Malformed Packet]',
      'Standard query 0x0002 A <Name contains a pointer that loops>',
      'Standard query 0x0003 A <Name too long>',
      'Standard query 0x0004[Malformed Packet]',
      'Standard query 0x0005[Packet size limited during capture]',
    ]);
    // The record claiming 40 bytes of data is not shown at all: its subtree raised the exception.
    expect(f[0].field('dns.resp.name')).toBe('a.b');
    expect(f[1].field('dns.qry.name.len')).toBe('36');
    expect(f[2].field('dns.qry.name.len')).toBe('15');
    expect(f[2].field('dns.count.labels')).toBe('1');
  });
});

describe('DNS over TCP', () => {
  it('dissects two messages of one segment and reassembles a split one', () => {
    const f = dissectCapture(tcpMessages());
    expect(f[3].layers).toBe('eth:ethertype:ip:tcp:dns');
    expect(f[3].field('dns.id')).toBe('0x0001,0x0002');
    expect(f[3].field('dns.length')).toBe('27,27');
    expect(f[3].field('dns.qry.name')).toBe('a.example,b.example');
    // Each message clears the Info column: the last one is what remains.
    expect(f[3].info).toBe('Standard query 0x0002 AAAA b.example');
    expect(f[4].layers).toBe('eth:ethertype:ip:tcp');
    expect(f[4].info).toContain('[TCP segment of a reassembled PDU]');
    expect(f[5].info).toBe('Standard query response 0x0001 A a.example A 10.0.0.1');
    expect(f[5].field('dns.response_to')).toBe('4');
  });
});
