/**
 * Application-layer conformance against the tshark 4.0.17 oracle in shared/captures: every
 * dns.*, http.*, tls.* and x509* cell of fields.tsv (fields.nokeys.tsv where a key log exists:
 * we do not decrypt yet), and the Protocol/Info columns of every frame whose top protocol is
 * DNS, HTTP or TLS.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureSession } from '../../src/core/session';
import { fieldByAbbrev } from '../../src/core/dissect/fields';
import { fieldsText } from '../../src/core/dissect/format';
import { dissectorTable } from '../../src/core/dissect/tables';

const DIR = process.env.WIRELIGHT_CAPTURES ?? join(__dirname, '../../../shared/captures');
const CAPTURES = ['dns', 'http-basic', 'http-loss', 'tls', 'mixed', 'ipv6-http', 'tcp-failures'];
/** Captures with DNS/HTTP over IPv6 need the IPv6 dissector (another module, landing separately). */
const NEEDS_IPV6 = new Set(['dns', 'mixed', 'ipv6-http']);
const APP_FIELD = /^(dns|http|tls|x509)/;
const APP_PROTO = /^(DNS|MDNS|LLMNR|HTTP|HTTP\/JSON|HTTP\/XML|TLSv1(\.[123])?|SSLv[23]|TLS)$/;

function table(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.split('\t'));
}

function oracle(name: string, kind: 'fields' | 'columns'): string[][] {
  const nokeys = join(DIR, 'oracle', name, `${kind}.nokeys.tsv`);
  return table(existsSync(nokeys) ? nokeys : join(DIR, 'oracle', name, `${kind}.tsv`));
}

interface Mismatch {
  frame: number;
  what: string;
  mine: string;
  tshark: string;
}

function run(name: string): { fields: Mismatch[]; columns: Mismatch[]; cells: number; rows: number } {
  const file = ['pcap', 'pcapng'].map((e) => join(DIR, `${name}.${e}`)).find((p) => existsSync(p));
  if (!file) throw new Error(`capture ${name} not found in ${DIR}`);
  const f = oracle(name, 'fields');
  const c = oracle(name, 'columns');
  const wanted = f[0].map((h, i) => [h, i] as const).filter(([h]) => APP_FIELD.test(h));
  const fields: Mismatch[] = [];
  const columns: Mismatch[] = [];
  let cells = 0;
  let rows = 0;
  const session = new CaptureSession({
    firstPass: {
      tree: true,
      columns: true,
      onFrame: (d) => {
        const n = d.pinfo.num;
        for (const [h, i] of wanted) {
          const def = fieldByAbbrev(h);
          const mine = def && d.tree ? d.tree.occurrences(def).map(fieldsText).join(',') : '';
          const theirs = f[n]?.[i] ?? '';
          cells++;
          if (mine !== theirs) fields.push({ frame: n, what: h, mine, tshark: theirs });
        }
        const row = c[n];
        if (row && APP_PROTO.test(row[4])) {
          rows++;
          const mine = `${d.cols?.protocol}|${d.cols?.info}`;
          const theirs = `${row[4]}|${row[6]}`;
          if (mine !== theirs) columns.push({ frame: n, what: 'columns', mine, tshark: theirs });
        }
      },
    },
  });
  session.push(new Uint8Array(readFileSync(file)));
  session.finish();
  return { fields, columns, cells, rows };
}

const available = existsSync(DIR);

describe.skipIf(!available)('application layer vs tshark 4.0.17', () => {
  const ipv6 = dissectorTable('ethertype').get(0x86dd) !== undefined;
  for (const name of CAPTURES) {
    it.skipIf(NEEDS_IPV6.has(name) && !ipv6)(
      `${name}: dns/http/tls/x509 fields and DNS/HTTP/TLS columns`,
      () => {
        const r = run(name);
        // Show a few mismatches in full when something regresses.
        expect(r.fields.slice(0, 5)).toEqual([]);
        expect(r.columns.slice(0, 5)).toEqual([]);
        expect(r.cells).toBeGreaterThan(0);
      },
      120_000,
    );
  }
});
