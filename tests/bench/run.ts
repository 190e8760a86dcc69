/**
 * `npm run bench`: generates deterministic synthetic captures and measures Wirelight's core
 * against tshark on the same files (when tshark is installed). Writes bench-out/results.json
 * and tests/bench/RESULTS.md. `--full` adds the 5M-packet and 1 GB captures.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticCapture, type SynthOptions } from './synth-capture';

const full = process.argv.includes('--full');
const runs = full ? 3 : 3;
const outDir = join(process.cwd(), 'bench-out');
mkdirSync(outDir, { recursive: true });

interface Case {
  name: string;
  file: string;
  opts: SynthOptions;
}

const cases: Case[] = [
  {
    name: '1M packets, headers only (snaplen 96), pcap',
    file: 'synth-1m-headers.pcap',
    opts: { packets: 1_000_000, snaplen: 96, seed: 1, format: 'pcap', loss: 0.01, mss: 1448 },
  },
  {
    name: '200k packets, full payload, pcapng',
    file: 'synth-200k-full.pcapng',
    opts: { packets: 200_000, snaplen: 65535, seed: 2, format: 'pcapng', loss: 0.01, mss: 1448 },
  },
];
if (full) {
  cases.push(
    {
      name: '5M packets, headers only (snaplen 96), pcap',
      file: 'synth-5m-headers.pcap',
      opts: { packets: 5_000_000, snaplen: 96, seed: 3, format: 'pcap', loss: 0.01, mss: 1448 },
    },
    {
      name: '~1 GB full payload, pcap',
      file: 'synth-1gb-full.pcap',
      opts: { packets: 720_000, snaplen: 65535, seed: 4, format: 'pcap', loss: 0.01, mss: 1448 },
    },
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function hasTshark(): boolean {
  return spawnSync('tshark', ['-v'], { stdio: 'ignore' }).status === 0;
}

function timeCommand(cmd: string, args: string[]): { ms: number; rssMb: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  const lines = (r.stderr ?? '').trim().split('\n');
  return { ms, rssMb: Number(lines[lines.length - 1]) / 1024 || 0, stdout: r.stdout ?? '' };
}

const tshark = hasTshark();
const rows: Record<string, unknown>[] = [];
for (const c of cases) {
  const path = join(outDir, c.file);
  if (!existsSync(path)) {
    const t0 = performance.now();
    const r = writeSyntheticCapture(path, c.opts);
    console.log(
      `generated ${c.file}: ${r.packets} packets, ${(r.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  const size = statSync(path).size;
  const ours: { ms: number; packets: number; rssMb: number; indexBytesPerPacket: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join('tests', 'bench', 'measure-load.ts'), path],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    );
    ours.push(JSON.parse(out.trim().split('\n').pop() as string));
  }
  const ms = median(ours.map((o) => o.ms));
  const packets = ours[0].packets;
  const row: Record<string, unknown> = {
    capture: c.name,
    packets,
    mb: +(size / 1e6).toFixed(1),
    wirelightMs: Math.round(ms),
    packetsPerSec: Math.round(packets / (ms / 1000)),
    mbPerSec: +(size / 1e6 / (ms / 1000)).toFixed(1),
    wirelightRssMb: Math.round(Math.max(...ours.map((o) => o.rssMb))),
    indexBytesPerPacket: ours[0].indexBytesPerPacket,
  };
  if (tshark) {
    const t: number[] = [];
    let rss = 0;
    let count = 0;
    for (let i = 0; i < (full ? 1 : 2); i++) {
      const r = timeCommand('tshark', ['-n', '-r', path, '-T', 'fields', '-e', 'frame.number']);
      t.push(r.ms);
      rss = Math.max(rss, r.rssMb);
      count = r.stdout.split('\n').filter((l) => l.length > 0).length;
    }
    row.tsharkMs = Math.round(median(t));
    row.tsharkRssMb = Math.round(rss);
    row.sameFrameCount = count === packets;
    row.ratio = +(median(t) / ms).toFixed(1);
  }
  rows.push(row);
  console.log(row);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
writeFileSync(
  join(outDir, 'results.json'),
  JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 1),
);
const cols = Object.keys(rows[0] ?? {});
let md = `# Benchmark results\n\nLast run: ${new Date().toISOString()} on ${machine}${full ? ' (--full)' : ''}.\n`;
md += `Operation: read + dissect (L2–L4, TCP analysis, application dissectors without trees) + index, median of ${runs} runs in a fresh Node process each;\n`;
md += `tshark: \`tshark -n -r FILE -T fields -e frame.number\` (one pass, same frames), wall time including its start-up.\n\n`;
md += `| ${cols.join(' | ')} |\n| ${cols.map(() => '---').join(' | ')} |\n`;
for (const r of rows) md += `| ${cols.map((k) => String(r[k] ?? '')).join(' | ')} |\n`;
writeFileSync(join('tests', 'bench', 'RESULTS.md'), md);
console.log(md);
