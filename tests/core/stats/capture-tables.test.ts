import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CaptureTablesBuilder,
  computeCaptureTables,
  feedFrames,
} from '../../../src/core/stats/capture-tables';
import { SEVERITY } from '../../../src/core/dissect/expert';
import { CAPTURES, loadSession, ORACLE } from './helpers';

const CORPUS = [
  'http-basic.pcap',
  'dns.pcap',
  'tcp-failures.pcap',
  'icmp.pcapng',
  'ipv6-http.pcapng',
  'mixed.pcapng',
  'tls.pcapng',
  'zero-window.pcap',
];
const SYNTH = join(__dirname, '../../conformance/stats-fixtures/captures');
const TUNNELS = ['tunnel-6in4.pcap', 'tunnel-ipip.pcap'].map((f) => join(SYNTH, f));
const OTHERS = ['various_gre.pcap', '802.1ad_QinQ.pcap'].map((f) => join(CAPTURES, 'tcpdump-tests', f));

describe('capture tables for the UI', () => {
  for (const file of [...CORPUS.map((f) => join(CAPTURES, f)), ...TUNNELS, ...OTHERS]) {
    it(`${file}: the tree-less path gives the same tables as the tree`, () => {
      const s = loadSession(file);
      const fast = computeCaptureTables(s);
      const slow = new CaptureTablesBuilder(s, { hierarchy: true });
      feedFrames(slow, s, 1, s.frameCount);
      const tree = slow.result();
      expect(fast.conversations).toEqual(tree.conversations);
      expect(fast.endpoints).toEqual(tree.endpoints);
      expect(fast.hierarchy).toBeNull();
      expect(tree.hierarchy?.frames).toBe(s.frameCount);
      // Only tunnels and IPv6 fragments (tapped or not depending on reassembly) need the tree.
      if (file.endsWith('icmp.pcapng')) expect(fast.framesWithTree).toBe(16);
      else if (!file.includes('tunnel')) expect(fast.framesWithTree).toBe(0);
    });
  }

  it('tunnels: inner and outer headers are both conversations', () => {
    const ipip = computeCaptureTables(loadSession(TUNNELS[1]));
    expect(ipip.framesWithTree).toBe(4);
    expect(ipip.conversations.ip?.map((c) => [c.a, c.b, c.frames])).toEqual([
      ['198.51.100.1', '203.0.113.9', 4],
      ['10.9.0.1', '10.9.0.2', 4],
    ]);
    expect(ipip.conversations.tcp?.[0]).toMatchObject({
      a: '10.9.0.1',
      portA: 40000,
      b: '10.9.0.2',
      portB: 80,
    });
    const v6 = computeCaptureTables(loadSession(TUNNELS[0]));
    expect(v6.conversations.ip).toHaveLength(1);
    expect(v6.conversations.ipv6?.[0]).toMatchObject({ a: '2001:db8:aaaa:bbbb:cccc:dddd:eeee:1', frames: 6 });
    expect(v6.conversations.udp?.[0]).toMatchObject({
      portA: 7000,
      portB: 7001,
      framesAtoB: 3,
      framesBtoA: 3,
    });
  });

  it('http-basic: rows as the UI shows them, sorted like tshark', () => {
    const t = computeCaptureTables(loadSession('http-basic.pcap'));
    const ip = t.conversations.ip ?? [];
    expect(ip).toHaveLength(1);
    expect(ip[0]).toMatchObject({
      a: '192.168.1.10',
      b: '192.168.1.100',
      framesAtoB: 116,
      framesBtoA: 261,
      frames: 377,
    });
    expect(ip[0].relStart).toBeCloseTo(0.000065, 9);
    const tcp = t.conversations.tcp ?? [];
    expect(tcp).toHaveLength(13);
    expect(tcp[0]).toMatchObject({ portA: 42678, portB: 80, frames: 225, bytes: 292710 });
    expect(tcp.every((c, i) => i === 0 || tcp[i - 1].frames >= c.frames)).toBe(true);
    const ends = t.endpoints.tcp ?? [];
    expect(ends[0]).toMatchObject({ address: '192.168.1.100', port: 80, frames: 377, txBytes: 311878 });
    const meta = JSON.parse(readFileSync(join(ORACLE, 'http-basic', 'meta.json'), 'utf8')) as {
      frames: number;
    };
    expect(t.endpoints.eth?.reduce((n, e) => n + e.txFrames, 0)).toBe(meta.frames);
    const chats = t.expert.filter((r) => r.severity === SEVERITY.CHAT);
    expect(chats[0]).toMatchObject({
      protocol: 'TCP',
      summary: 'Connection establish request (SYN): server port 80',
      count: 13,
    });
    expect(chats[0].frames).toHaveLength(13);
  });
});
