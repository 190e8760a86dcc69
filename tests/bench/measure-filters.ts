/**
 * Child-process measurement of the operations a user runs after a capture is loaded: display
 * filters, a capture (BPF) filter, Follow TCP Stream of the largest stream and the TCP
 * conversation table. Usage: `measure-filters.ts FILE OUTPREFIX`.
 *
 * Loads FILE (first pass without trees, as the app does), picks an IPv4 address and port from
 * the largest IPv4 TCP stream for the filters that need one, times each operation (wall and
 * CPU), writes each operation's output to OUTPREFIX.<op>.txt in the form tshark/tcpdump print
 * it (frame numbers; timestamps for BPF, since tcpdump has no frame numbers; tshark's follow and
 * conversation reports) and prints one JSON line describing the operations.
 */
import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
import { tcpConversation, tcpStreamCount } from '../../src/core/analysis/tcp-analysis';
import { followStream } from '../../src/core/analysis/follow';
import { formatFollow } from '../../src/cli/z/follow';
import { renderConversations } from '../../src/cli/z/conversations';
import type { ByteSource } from '../../src/core/capture/types';
import { AT, formatAddress } from '../../src/core/dissect/address';
import { compileDisplayFilter } from '../../src/core/filter/index';
import { CaptureSession } from '../../src/core/session';
import { CaptureTablesBuilder, feedIndexed } from '../../src/core/stats/capture-tables';
import { BlockCachedSource } from '../../src/worker/byte-sources';

export interface OpResult {
  op: string;
  /** The display filter, BPF expression or tshark -z argument that this operation equals. */
  expr: string;
  kind: 'display' | 'bpf' | 'follow' | 'conv';
  ms: number;
  cpuMs: number;
  /** Matching frames (filters), chunks (follow) or conversations. */
  count: number;
  out: string;
}

export interface FiltersResult {
  packets: number;
  loadMs: number;
  loadCpuMs: number;
  ops: OpResult[];
}

function main(): void {
  const [path, prefix] = process.argv.slice(2);
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  const cached = new BlockCachedSource(size, (offset, length) => {
    const b = new Uint8Array(length);
    readSync(fd, b, 0, length, offset);
    return b;
  });
  // Reads that run past the end return what there is, as Blob.slice does in the browser
  // (bpfFrames asks for whole 4 MB blocks).
  const source: ByteSource = {
    size,
    read: (offset, length) => cached.read(offset, Math.max(0, Math.min(length, size - offset))),
  };

  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const session = new CaptureSession({ source, firstPass: { tree: false, columns: false } });
  const chunk = new Uint8Array(1 << 22);
  for (let pos = 0; ;) {
    const n = readSync(fd, chunk, 0, chunk.length, pos);
    if (n <= 0) break;
    pos += n;
    session.push(chunk.subarray(0, n));
  }
  session.finish();
  const loadMs = performance.now() - t0;
  const cpu0 = process.cpuUsage(c0);

  // The largest stream overall (Follow) and the largest IPv4 one (address/port filters).
  let largest = -1;
  let largest4 = -1;
  const streams = tcpStreamCount(session.capture);
  for (let s = 0; s < streams; s++) {
    const c = tcpConversation(session.capture, s);
    if (!c) continue;
    if (largest < 0 || c.frameCount > (tcpConversation(session.capture, largest)?.frameCount ?? 0))
      largest = s;
    if (
      c.addrA.type === AT.IPv4 &&
      (largest4 < 0 || c.frameCount > (tcpConversation(session.capture, largest4)?.frameCount ?? 0))
    )
      largest4 = s;
  }
  const conv4 = largest4 >= 0 ? tcpConversation(session.capture, largest4) : undefined;
  const host = conv4 ? formatAddress(conv4.addrA) : '10.0.0.1';
  const port = conv4 ? conv4.portB : 80;

  const ops: OpResult[] = [];
  const timed = (
    op: string,
    kind: OpResult['kind'],
    expr: string,
    run: () => { count: number; text: string },
  ): void => {
    const c = process.cpuUsage();
    const t = performance.now();
    const r = run();
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(c);
    const out = `${prefix}.${op}.txt`;
    writeFileSync(out, r.text);
    ops.push({ op, expr, kind, ms, cpuMs: (cpu.user + cpu.system) / 1000, count: r.count, out });
  };
  const frameList = (frames: Uint32Array): string => {
    let s = '';
    for (let i = 0; i < frames.length; i++) s += `${frames[i]}\n`;
    return s;
  };

  const displayFilters: [string, string][] = [
    ['addr-port', `ip.addr == ${host} && tcp.port == ${port}`],
    ['retransmission', 'tcp.analysis.retransmission'],
    ['uri-contains', 'http.request.uri contains "api"'],
  ];
  for (const [op, text] of displayFilters) {
    const f = compileDisplayFilter(text);
    if (!f.ok) throw new Error(`filter "${text}": ${f.error.message}`);
    timed(op, 'display', text, () => {
      const frames = session.filterFrames(f.value);
      return { count: frames.length, text: frameList(frames) };
    });
  }

  const bpf = `tcp port ${port} and host ${host}`;
  timed('bpf', 'bpf', bpf, () => {
    const r = session.bpfFrames(bpf);
    if (!r.ok) throw new Error(`BPF "${bpf}": ${r.error.message}`);
    // tcpdump -tt prints seconds.microseconds; that identifies the frames (it prints no numbers).
    const ix = session.index;
    let s = '';
    for (const num of r.value) {
      s += `${ix.tsSec[num - 1]}.${String(Math.floor(ix.tsNsec[num - 1] / 1000)).padStart(6, '0')}\n`;
    }
    return { count: r.value.length, text: s };
  });

  if (largest >= 0) {
    timed('follow', 'follow', `follow,tcp,raw,${largest}`, () => {
      const r = followStream(session, 'tcp', largest);
      const args = {
        proto: 'tcp',
        mode: 'raw',
        stream: largest,
        endpoints: null,
        chunkMin: 1,
        chunkMax: 0xffffffff,
      } as const;
      return { count: r.chunks.length, text: formatFollow(args, r) };
    });
  }

  timed('conv', 'conv', 'conv,tcp', () => {
    // As the app's Statistics views do: from the first-pass index, dissecting only what it cannot vouch for.
    const b = new CaptureTablesBuilder(session, { conversations: ['tcp'], endpoints: [] });
    feedIndexed(b, session, 1, session.frameCount);
    const table = b.conv.get('tcp');
    if (!table) throw new Error('no TCP conversation table');
    return { count: table.items.length, text: renderConversations(table, null) };
  });

  closeSync(fd);
  const result: FiltersResult = {
    packets: session.frameCount,
    loadMs,
    loadCpuMs: (cpu0.user + cpu0.system) / 1000,
    ops,
  };
  console.log(JSON.stringify(result));
}

main();
