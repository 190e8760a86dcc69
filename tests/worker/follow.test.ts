import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hexBytes } from '../../src/core/dissect/format';
import { CAPTURES, captureBytes, newWorker, open } from './helpers';

interface OracleFollow {
  proto: 'tcp' | 'udp';
  stream: number;
  client: string;
  server: string;
  chunks: { dir: 'c2s' | 's2c'; hex: string }[];
}

function oracleFollows(name: string): OracleFollow[] {
  const dir = `${CAPTURES}/oracle/${name}/follow`;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as OracleFollow);
}

describe('worker follow', () => {
  for (const [name, file] of [
    ['http-basic', 'http-basic.pcap'],
    ['dns', 'dns.pcap'],
    ['tcp-failures', 'tcp-failures.pcap'],
  ]) {
    it(`gives tshark's Follow Stream chunks for ${name}`, async () => {
      const w = newWorker();
      const { outcome } = await open(w, file, captureBytes(file));
      for (const o of oracleFollows(name)) {
        const r = w.follow(outcome.gen, o.proto, o.stream);
        expect(r.ok, `${o.proto} stream ${o.stream}`).toBe(true);
        if (!r.ok) continue;
        expect(r.data.client).toBe(o.client);
        expect(r.data.server).toBe(o.server);
        const got = r.data.chunks.map((c) => `${c.dir === 0 ? 'c2s' : 's2c'} ${hexBytes(c.bytes)}`);
        expect(got, `${o.proto} stream ${o.stream}`).toEqual(o.chunks.map((c) => `${c.dir} ${c.hex}`));
      }
    });
  }

  it('says which streams exist', async () => {
    const w = newWorker();
    const { outcome } = await open(w, 'http-basic.pcap', captureBytes('http-basic.pcap'));
    const r = w.follow(outcome.gen, 'tcp', 99);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('There is no TCP stream 99: streams are numbered 0 to 12.');
    const u = w.follow(outcome.gen, 'udp', 0);
    expect(u.ok).toBe(false);
    const ok = w.follow(outcome.gen, 'tcp', 12);
    expect(ok.ok && ok.data.maxStream).toBe(12);
  });
});
