/**
 * The command line against tshark 4.0: the exact `-T fields` command of every oracle capture
 * (meta.json, `tshark` replaced by bin/wirelight, run in the captures directory) must print the
 * oracle's cells for the enforced fields; the default one-line output must match tshark's
 * layout (fixtures written by `tshark -n -r FILE`); error exits use tshark's codes and texts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enforcedGroupOf, protocolInfoInScope, SCOPED_FIELDS } from '../conformance/enforced-fields';
import { CAPTURES_DIR, oracleCaptures, oracleTable } from '../conformance/parity';

const BIN = join(__dirname, '../../bin/wirelight');
const FIXTURES = join(__dirname, 'fixtures');

function wirelight(args: string[], cwd = CAPTURES_DIR): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The oracle's `-T fields` command line, as arguments for bin/wirelight. */
function oracleArgs(capture: string): string[] {
  const meta = JSON.parse(readFileSync(join(CAPTURES_DIR, 'oracle', capture, 'meta.json'), 'utf8')) as {
    commands: Record<string, string>;
  };
  const words = meta.commands['fields.tsv'].split(/\s+/);
  expect(words[0]).toBe('tshark');
  return words.slice(1);
}

const captures = oracleCaptures();

describe.skipIf(captures.length === 0)('bin/wirelight -T fields with the oracle commands', () => {
  for (const name of captures) {
    it(`${name}: enforced fields equal tshark's output`, () => {
      const r = wirelight(oracleArgs(name));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const expected = oracleTable(name, 'fields');
      const lines = r.stdout.replace(/\n$/, '').split('\n');
      expect(lines.length).toBe(expected.length);
      const header = expected[0];
      expect(lines[0].split('\t')).toEqual(header);
      const protoCol = header.indexOf('frame.protocols');
      const diffs: string[] = [];
      for (let row = 1; row < expected.length; row++) {
        const got = lines[row].split('\t');
        const want = expected[row];
        const scoped = protoCol >= 0 && protocolInfoInScope(want[protoCol] ?? '');
        header.forEach((field, c) => {
          const enforced = enforcedGroupOf(field) !== undefined || (scoped && SCOPED_FIELDS.includes(field));
          if (enforced && (got[c] ?? '') !== (want[c] ?? '') && diffs.length < 10) {
            diffs.push(`frame ${row} ${field}: tshark "${want[c]}", wirelight "${got[c]}"`);
          }
        });
      }
      expect(diffs).toEqual([]);
    });
  }
});

/** tshark's line for a frame, up to and including the padded Destination column. */
function addressPrefix(line: string, destination: string): string {
  const arrow = line.indexOf(' \u2192 ');
  return line.slice(0, arrow + 3 + Math.max(12, destination.length) + 1);
}

const summaryFixtures = ['icmp', 'dns', 'tcp-failures', 'mixed'].filter((n) =>
  ['pcap', 'pcapng'].some((e) => existsSync(join(CAPTURES_DIR, `${n}.${e}`))),
);

describe.skipIf(summaryFixtures.length === 0)('bin/wirelight one-line output (tshark -n -r FILE)', () => {
  for (const name of summaryFixtures) {
    it(`${name}: columns are laid out like tshark's`, () => {
      const file = ['pcap', 'pcapng']
        .map((e) => `${name}.${e}`)
        .find((f) => existsSync(join(CAPTURES_DIR, f)));
      const r = wirelight(['-n', '-r', file as string]);
      expect(r.code).toBe(0);
      const want = readFileSync(join(FIXTURES, `${name}.summary.txt`), 'utf8')
        .replace(/\n$/, '')
        .split('\n');
      const got = r.stdout.replace(/\n$/, '').split('\n');
      expect(got.length).toBe(want.length);
      const fields = oracleTable(name, 'fields');
      const columns = oracleTable(name, 'columns');
      const protoCol = fields[0].indexOf('frame.protocols');
      const dstCol = columns[0].indexOf('_ws.col.Destination');
      const diffs: string[] = [];
      for (let i = 0; i < want.length; i++) {
        // Whole lines where our protocols write Protocol and Info; elsewhere the number, time and
        // address columns with their padding.
        const whole = protocolInfoInScope(fields[i + 1][protoCol]);
        const w = whole ? want[i] : addressPrefix(want[i], columns[i + 1][dstCol]);
        const g = whole ? got[i] : got[i].slice(0, w.length);
        if (w !== g && diffs.length < 10)
          diffs.push(`line ${i + 1}:\n  tshark:    ${want[i]}\n  wirelight: ${got[i]}`);
      }
      expect(diffs).toEqual([]);
    });
  }
});

describe('bin/wirelight error exits like tshark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirelight-cli-'));

  it('missing file: exit 2', () => {
    const r = wirelight(['-r', 'nope.pcap'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('wirelight: The file "nope.pcap" doesn\'t exist.\n');
  });

  it('not a capture file: exit 2', () => {
    writeFileSync(join(dir, 'notcap.txt'), 'hello world, this is not a capture file\n');
    const r = wirelight(['-r', 'notcap.txt'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'wirelight: The file "notcap.txt" isn\'t a capture file in a format Wirelight understands.\n',
    );
  });

  it('-T fields without -e: exit 1', () => {
    const r = wirelight(['-r', 'nope.pcap', '-T', 'fields'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('wirelight: "-Tfields" was specified, but no fields were specified with "-e".\n');
  });

  it('unknown fields: exit 1, listed sorted', () => {
    const r = wirelight(
      ['-r', 'nope.pcap', '-T', 'fields', '-e', 'ip.src', '-e', 'foo.bar', '-e', 'bar.baz'],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("wirelight: Some fields aren't valid:\n\tbar.baz\n\tfoo.bar\n");
  });
});

describe.skipIf(captures.length === 0)('bin/wirelight -T fields options like tshark 4.0', () => {
  it('-E header=y -E quote=d: values are quoted, the header line and empty values are not', () => {
    const r = wirelight(
      ['-r', 'dns.pcap', '-c', '4', '-T', 'fields', '-E', 'header=y', '-E', 'quote=d'].concat([
        '-e',
        'frame.number',
        '-e',
        'ip.src',
      ]),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('frame.number\tip.src\n"1"\t\n"2"\t\n"3"\t"192.168.1.10"\n"4"\t"192.168.1.53"\n');
  });

  it('-c N stops reading the file: a record cut by the stop is not reported as damage', () => {
    // http-loss.pcap is whole; reading stops inside a chunk after frame 20.
    const r = wirelight(['-r', 'http-loss.pcap', '-c', '20', '-T', 'fields', '-e', 'frame.number']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').length).toBe(21);
  });
});
