/**
 * TCP conformance against the tshark 4.0.17 oracle in shared/captures: every tcp.* cell of
 * fields.tsv (fields.nokeys.tsv where a key log exists) plus udp.stream, and the Info column
 * of every frame whose top protocol is TCP (frame.protocols ends with "tcp").
 *
 * Info cells that tshark ends with "[TCP segment of a reassembled PDU]" depend on the payload
 * dissector asking TCP for more bytes. Where ours did, TCP's part is checked; where it did not,
 * the frame waits for that protocol's dissector (KNOWN_WAITING says which, and why).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldByAbbrev } from '../../src/core/dissect/fields';
import { fieldsText } from '../../src/core/dissect/format';
import { CaptureSession } from '../../src/core/session';

const DIR = process.env.WIRELIGHT_CAPTURES ?? join(__dirname, '../../../shared/captures');
const CAPTURES = [
  'http-basic',
  'http-loss',
  'tls',
  'dns',
  'tcp-failures',
  'zero-window',
  'icmp',
  'ipv6-http',
  'mixed',
  'iperf-loss',
];
const SEGMENT = '[TCP segment of a reassembled PDU]';

/** TCP frames whose payload protocol is not (fully) dissected yet, so TCP was never asked to reassemble. */
const KNOWN_WAITING: Record<string, number> = {
  // tshark's SigComp heuristic happens to accept random payload bytes of this stream.
  'zero-window': 62,
  // tshark finds HTTP on port 9000 by its heuristic dissector.
  'tcp-failures': 93,
  // An HTTP body continuation that tshark's HTTP keeps reassembling.
  'http-loss': 1,
};

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

interface Result {
  mismatches: string[];
  cells: number;
  infoRows: number;
  waiting: number;
}

function run(name: string): Result {
  const file = ['pcap', 'pcapng'].map((e) => join(DIR, `${name}.${e}`)).find((p) => existsSync(p));
  if (!file) throw new Error(`capture ${name} not found in ${DIR}`);
  const f = oracle(name, 'fields');
  const c = oracle(name, 'columns');
  const hasUdpStream = fieldByAbbrev('udp.stream') !== undefined;
  const wanted = f[0]
    .map((h, i) => [h, i] as const)
    .filter(([h]) => h.startsWith('tcp.') || (h === 'udp.stream' && hasUdpStream));
  const protosCol = f[0].indexOf('frame.protocols');
  const r: Result = { mismatches: [], cells: 0, infoRows: 0, waiting: 0 };
  const session = new CaptureSession({
    firstPass: {
      tree: true,
      columns: true,
      onFrame: (d) => {
        const n = d.pinfo.num;
        const row = f[n];
        for (const [h, i] of wanted) {
          const def = fieldByAbbrev(h);
          const mine = def && d.tree ? d.tree.occurrences(def).map(fieldsText).join(',') : '';
          r.cells++;
          if (mine !== row[i])
            r.mismatches.push(`${name} frame ${n} ${h}: mine '${mine}' tshark '${row[i]}'`);
        }
        if (!row[protosCol].endsWith(':tcp')) return;
        const theirs = c[n][6];
        const mine = d.cols?.info ?? '';
        r.infoRows++;
        if (!theirs.endsWith(SEGMENT)) {
          if (mine !== theirs)
            r.mismatches.push(`${name} frame ${n} Info: mine '${mine}' tshark '${theirs}'`);
          return;
        }
        // The payload dissector did not ask TCP for more bytes: its protocol's business.
        if (!mine.endsWith(SEGMENT)) {
          r.waiting++;
          return;
        }
        // When the payload dissector wrote Info before asking for more, only TCP's suffix is ours.
        const tcpText = /^(\[TCP [^\]]+\] )*\d+ \u2192 \d+ \[/.test(theirs);
        if (tcpText && mine !== theirs)
          r.mismatches.push(`${name} frame ${n} Info: mine '${mine}' tshark '${theirs}'`);
      },
    },
  });
  session.push(new Uint8Array(readFileSync(file)));
  session.finish();
  return r;
}

describe.skipIf(!existsSync(DIR))('TCP vs tshark 4.0.17', () => {
  for (const name of CAPTURES) {
    it(`${name}: every tcp.* field, udp.stream and the Info of TCP frames`, () => {
      const r = run(name);
      expect(r.mismatches.slice(0, 10)).toEqual([]);
      expect(r.cells).toBeGreaterThan(0);
      expect(r.waiting).toBeLessThanOrEqual(KNOWN_WAITING[name] ?? 0);
    }, 120_000);
  }
});
