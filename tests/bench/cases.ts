/**
 * The benchmark's captures: which files, how they are generated, and which measurements each
 * gets. Default: 1M headers-only packets, 200k full-payload packets, a web-traffic capture of
 * 2,000 connections. `--full` adds 5M headers-only and ~1 GB full payload; `--quick` shrinks
 * everything to debug the harness.
 */
import { existsSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeSyntheticCapture, type SynthOptions } from './synth-capture';
import { writeWebCapture, type WebOptions } from './synth-web';

export interface CaptureCase {
  id: string;
  name: string;
  path: string;
  /** Headers-only captures carry issue #9's CLI targets (pro rata to 5M packets). */
  headersOnly: boolean;
  /** Also measured in Chromium. */
  browser: boolean;
  /** Compare the CLI's Protocol/Info columns with tshark's on every frame. */
  columnsCheck: boolean;
  generate: (path: string) => { bytes: number; packets: number };
}

export type Size = 'quick' | 'default' | 'full';

function synth(opts: SynthOptions): (path: string) => { bytes: number; packets: number } {
  return (path) => writeSyntheticCapture(path, opts);
}

function web(opts: WebOptions): (path: string) => { bytes: number; packets: number } {
  return (path) => writeWebCapture(path, opts);
}

/** The generator version of the web capture (part of its file name: a new version regenerates). */
const WEB_VERSION = 1;

export function benchCases(size: Size, outDir: string): CaptureCase[] {
  const at = (f: string): string => join(outDir, f);
  const quick = size === 'quick';
  const headers = quick ? 100_000 : 1_000_000;
  const full = quick ? 20_000 : 200_000;
  const conns = quick ? 200 : 2_000;
  const cases: CaptureCase[] = [
    {
      id: quick ? 'headers-100k' : 'headers-1m',
      name: `${headers >= 1e6 ? `${headers / 1e6}M` : `${headers / 1000}k`} packets, headers only (snaplen 96), pcap`,
      path: at(quick ? 'synth-100k-headers.pcap' : 'synth-1m-headers.pcap'),
      headersOnly: true,
      browser: false,
      columnsCheck: false,
      generate: synth({ packets: headers, snaplen: 96, seed: 1, format: 'pcap', loss: 0.01, mss: 1448 }),
    },
    {
      id: quick ? 'full-20k' : 'full-200k',
      name: `${full / 1000}k packets, full payload, pcapng`,
      path: at(quick ? 'synth-20k-full.pcapng' : 'synth-200k-full.pcapng'),
      headersOnly: false,
      browser: true,
      columnsCheck: false,
      generate: synth({ packets: full, snaplen: 65535, seed: 2, format: 'pcapng', loss: 0.01, mss: 1448 }),
    },
    {
      id: `web-${conns}`,
      name: `web traffic: ${conns} HTTP/TLS connections with DNS, pcapng`,
      path: at(`web-v${WEB_VERSION}-${conns}c.pcapng`),
      headersOnly: false,
      browser: true,
      columnsCheck: true,
      generate: web({ connections: conns, seed: 7, format: 'pcapng', loss: 0.01 }),
    },
  ];
  if (size === 'full') {
    cases.push(
      {
        id: 'headers-5m',
        name: '5M packets, headers only (snaplen 96), pcap',
        path: at('synth-5m-headers.pcap'),
        headersOnly: true,
        browser: false,
        columnsCheck: false,
        generate: synth({ packets: 5_000_000, snaplen: 96, seed: 3, format: 'pcap', loss: 0.01, mss: 1448 }),
      },
      {
        id: 'full-1gb',
        name: '~1 GB full payload, pcap',
        path: at('synth-1gb-full.pcap'),
        headersOnly: false,
        browser: true,
        columnsCheck: false,
        generate: synth({ packets: 720_000, snaplen: 65535, seed: 4, format: 'pcap', loss: 0.01, mss: 1448 }),
      },
    );
  }
  return cases;
}

/** Generates the case's file unless it exists (written under a temporary name, then renamed). */
export function ensureCapture(c: CaptureCase): { bytes: number; generatedMs: number } {
  if (existsSync(c.path)) return { bytes: statSync(c.path).size, generatedMs: 0 };
  const t0 = performance.now();
  const tmp = `${c.path}.partial`;
  const r = c.generate(tmp);
  renameSync(tmp, c.path);
  return { bytes: r.bytes, generatedMs: performance.now() - t0 };
}
