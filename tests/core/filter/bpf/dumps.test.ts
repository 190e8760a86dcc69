/**
 * Generated code for many link-layer types, compared instruction by instruction with
 * `tcpdump -O -d -y LINKTYPE` (fixtures/tcpdump-dumps.json), and libpcap's messages where it
 * rejects the expression for that link type.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileBpf } from '../../../../src/core/filter/bpf/index';

interface DumpCase {
  linktype: number;
  dlt: string;
  expr: string;
  dump?: string;
  error?: string;
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/tcpdump-dumps.json', import.meta.url), 'utf8'),
) as {
  dumps: DumpCase[];
};

describe('BPF code generation matches tcpdump -O -d', () => {
  for (const c of fixture.dumps) {
    it(`${c.dlt}: ${c.expr}`, () => {
      const r = compileBpf(c.expr, c.linktype);
      if (c.error !== undefined) {
        expect(r.ok ? `accepted:\n${r.value.dump()}` : `tcpdump: ${r.error.message}`).toBe(c.error);
      } else {
        expect(r.ok ? r.value.dump() : `rejected: ${r.error.message}`).toBe(c.dump);
      }
    });
  }
});
