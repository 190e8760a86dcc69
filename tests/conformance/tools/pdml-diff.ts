/**
 * Development tool (needs tshark on PATH): compares, frame by frame, every field of the given
 * protocols as tshark's PDML shows them (name and value, hidden items included, in tree order)
 * with what Wirelight's tree holds, and prints the first differences.
 *
 *   npx tsx tests/conformance/tools/pdml-diff.ts CAPTURE [prefix ...] [--max N] [--frames a-b]
 *
 * Prefixes select fields by filter name (default: eth vlan sll null arp ip ipv6 icmp icmpv6 udp).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CaptureSession } from '../../../src/core/session';
import { FT } from '../../../src/core/dissect/field-types';
import { fieldsText, hexBytes, nodeBytes } from '../../../src/core/dissect/format';
import type { ProtoNode } from '../../../src/core/dissect/tree';

const args = process.argv.slice(2);
const file = args[0];
let max = 40;
let range: [number, number] | null = null;
const prefixes: string[] = [];
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--max') max = Number(args[++i]);
  else if (args[i] === '--frames') {
    const [a, b] = args[++i].split('-').map(Number);
    range = [a, b ?? a];
  } else prefixes.push(args[i]);
}
if (prefixes.length === 0)
  prefixes.push('eth', 'vlan', 'sll', 'null', 'arp', 'ip', 'ipv6', 'icmp', 'icmpv6', 'udp', 'llc');

/** Vendor names from Wireshark's manuf database, which Wirelight does not carry. */
const NOT_COMPARED = /\.oui_resolved$/;

function wanted(name: string): boolean {
  if (NOT_COMPARED.test(name)) return false;
  return prefixes.some((p) => name === p || name.startsWith(p + '.'));
}

function unescape(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** tshark's fields per frame: [name, show] in document order. */
function pdmlFrames(): Map<number, [string, string][]> {
  const xml = execFileSync('tshark', ['-n', '-r', file, '-T', 'pdml'], {
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString();
  const frames = new Map<number, [string, string][]>();
  let num = 0;
  let cur: [string, string][] = [];
  const re = /<(packet|field|proto)\b([^>]*)>|<\/packet>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[0] === '</packet>') {
      frames.set(num, cur);
      continue;
    }
    if (m[1] === 'packet') {
      cur = [];
      continue;
    }
    const attrs = m[2];
    const name = /name="([^"]*)"/.exec(attrs)?.[1] ?? '';
    if (name === 'num' && m[1] === 'field' && cur.length === 0) {
      num = Number(/show="([^"]*)"/.exec(attrs)?.[1]);
    }
    if (m[1] !== 'field' || !wanted(name)) continue;
    const show = unescape(/show="([^"]*)"/.exec(attrs)?.[1] ?? '');
    cur.push([name, show]);
  }
  return frames;
}

function ours(node: ProtoNode, out: [string, string][]): void {
  const d = node.def;
  // Sub-protocol items tshark shows as fields (ip.options.*) take part; real protocols do not.
  const protoAsField = d.type === FT.PROTOCOL && d.abbrev.startsWith('ip.options.');
  if ((d.type !== FT.PROTOCOL || protoAsField) && wanted(d.abbrev)) {
    let v = protoAsField ? hexBytes(nodeBytes(node)) : fieldsText(node);
    if (d.type === FT.NONE) v = '';
    if (v === '<none>') v = '';
    out.push([d.abbrev, v]);
  }
  if (node.children) for (const c of node.children) ours(c, out);
}

function normalize(name: string, v: string, type: number | undefined): string {
  if (type === FT.BYTES || type === FT.PROTOCOL) return v.replace(/:/g, '');
  void name;
  return v;
}

const expected = pdmlFrames();
const bytes = new Uint8Array(readFileSync(file));
// One pass with the tree on, like tshark.
const got = new Map<number, [string, string][]>();
const types = new Map<string, number>();
const s2 = new CaptureSession({
  firstPass: {
    tree: true,
    columns: false,
    onFrame: (d) => {
      const out: [string, string][] = [];
      if (d.tree) for (const n of d.tree.top) ours(n, out);
      got.set(d.pinfo.num, out);
      if (d.tree) {
        const walk = (n: ProtoNode): void => {
          types.set(n.def.abbrev, n.def.type);
          n.children?.forEach(walk);
        };
        d.tree.top.forEach(walk);
      }
    },
  },
});
s2.push(bytes);
s2.finish();

let shown = 0;
let bad = 0;
for (const [num, exp] of expected) {
  if (range && (num < range[0] || num > range[1])) continue;
  const g = got.get(num) ?? [];
  const n = Math.max(exp.length, g.length);
  for (let i = 0; i < n; i++) {
    const e = exp[i];
    const o = g[i];
    const en = e ? `${e[0]}=${normalize(e[0], e[1], types.get(e[0]))}` : '(none)';
    const on = o ? `${o[0]}=${normalize(o[0], o[1], types.get(o[0]))}` : '(none)';
    if (en !== on) {
      bad++;
      if (shown++ < max) {
        console.log(`frame ${num} item ${i}: tshark ${en.slice(0, 120)}  |  ours ${on.slice(0, 120)}`);
      }
      break;
    }
  }
}
console.log(`${bad} of ${expected.size} frames differ`);
