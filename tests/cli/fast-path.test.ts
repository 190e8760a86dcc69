/**
 * The CLI's one-pass fast path (no tree when only columns and record-valued frame.* fields are
 * printed; addresses and ports read from the index columns on frames they hold exactly, other
 * frames dissected again with a tree; columns read straight from the frame; lines encoded into
 * one reused buffer) prints
 * exactly the bytes of the reference path (a full tree for every frame, every -T fields value
 * read from the tree, columns through a FrameSummary): on every capture of the shared corpus,
 * the tcpdump test captures, and synthetic web, headers-only and full-payload captures.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { writeSyntheticCapture } from '../bench/synth-capture';
import { writeWebCapture } from '../bench/synth-web';
import { CAPTURES_DIR } from '../conformance/parity';

const RECORD_FIELDS = [
  'frame.number',
  'frame.len',
  'frame.cap_len',
  'frame.time_epoch',
  'frame.time',
  'frame.time_relative',
  'frame.time_delta',
  'frame.interface_id',
  'frame.encap_type',
  'frame.marked',
  'frame.ignored',
];
const COLUMNS = [
  '_ws.col.No.',
  '_ws.col.Time',
  '_ws.col.Source',
  '_ws.col.Destination',
  '_ws.col.Protocol',
  '_ws.col.Length',
  '_ws.col.Info',
];
const fields = (names: string[]): string[] => names.flatMap((n) => ['-e', n]);

/** The command lines compared, after `-r FILE`. */
const COMMANDS: string[][] = [
  [],
  ['-T', 'fields', ...fields(['frame.number', '_ws.col.Protocol', '_ws.col.Info'])],
  ['-T', 'fields', '-E', 'header=y', '-E', 'quote=d', ...fields([...RECORD_FIELDS, ...COLUMNS])],
  // Index-held fields: exact frames are read from the index columns, the others re-dissected.
  ['-T', 'fields', ...fields(['ip.src', 'tcp.srcport', 'ip.dst', 'tcp.dstport'])],
  [
    '-T',
    'fields',
    ...fields(['ip.addr', 'ipv6.addr', 'tcp.port', 'udp.port', 'tcp.stream', 'ip.proto', '_ws.col.Info']),
  ],
  [
    '-T',
    'fields',
    '-E',
    'occurrence=f',
    ...fields(['ipv6.src', 'ipv6.dst', 'udp.srcport', 'udp.dstport', 'ip.addr', 'frame.len']),
  ],
  [
    '-T',
    'fields',
    '-E',
    'occurrence=l',
    '-E',
    'aggregator=;',
    ...fields(['ip.addr', 'tcp.port', 'ipv6.addr']),
  ],
  // Application fields: a tree of only their protocols (treeProtocols), with and without X.509.
  [
    '-T',
    'fields',
    ...fields([
      'http.host',
      'http.request.uri',
      'http.response.code',
      'dns.qry.name',
      'tls.handshake.type',
      'tls.handshake.extensions_server_name',
      'tcp.analysis.flags',
      'frame.protocols',
    ]),
  ],
  ['-T', 'fields', ...fields(['tls.handshake.type', 'x509sat.printableString', 'x509af.serialNumber'])],
  // Tree fields next to the fast ones: the tree is built, record fields still skip it.
  [
    '-T',
    'fields',
    '-E',
    'occurrence=l',
    ...fields(['ip.src', 'tcp.srcport', 'frame.number', 'frame.protocols', '_ws.col.Info', 'udp.port']),
  ],
];

interface Run {
  code: number;
  stdout: string;
}

function run(args: string[], reference: boolean): Run {
  const chunks: Buffer[] = [];
  const code = main(args, { reference, out: (b) => void chunks.push(Buffer.from(b)) });
  return { code, stdout: Buffer.concat(chunks).toString('utf8') };
}

/** Every command on `file`: the fast path's output and exit code equal the reference's. */
function expectSameOutput(file: string): void {
  for (const cmd of COMMANDS) {
    const args = ['-r', file, ...cmd];
    const fast = run(args, false);
    const ref = run(args, true);
    expect({ args: args.join(' '), ...fast }).toEqual({ args: args.join(' '), ...ref });
  }
}

/** The capture files (pcap, pcapng) directly in `dir`. */
function capturesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(pcap|pcapng)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

const corpus = capturesIn(CAPTURES_DIR);
const tcpdumpTests = capturesIn(join(CAPTURES_DIR, 'tcpdump-tests'));

describe('CLI fast path equals the reference path', () => {
  describe.skipIf(corpus.length === 0)('shared corpus', () => {
    for (const file of corpus) {
      it(`${file.slice(CAPTURES_DIR.length + 1)}: same output for every command`, () => {
        expectSameOutput(file);
      });
    }
  });

  it.skipIf(tcpdumpTests.length === 0)('tcpdump test captures: same output for every command', () => {
    for (const file of tcpdumpTests) expectSameOutput(file);
  });

  describe('synthetic captures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirelight-fast-path-'));
    it('web traffic (HTTP, TLS, DNS, losses): same output for every command', () => {
      const file = join(dir, 'web.pcapng');
      writeWebCapture(file, { connections: 60, seed: 7, format: 'pcapng', loss: 0.02 });
      expectSameOutput(file);
    });
    it('headers-only snaplen 96 TCP/UDP/ICMP: same output for every command', () => {
      const file = join(dir, 'headers.pcap');
      writeSyntheticCapture(file, {
        packets: 4000,
        snaplen: 96,
        seed: 3,
        format: 'pcap',
        loss: 0.02,
        mss: 1460,
      });
      expectSameOutput(file);
    });
    it('full payload pcapng: same output for every command', () => {
      const file = join(dir, 'full.pcapng');
      writeSyntheticCapture(file, {
        packets: 3000,
        snaplen: 65535,
        seed: 5,
        format: 'pcapng',
        loss: 0.01,
        mss: 1460,
      });
      expectSameOutput(file);
    });
  });
});
