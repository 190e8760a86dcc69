import { compileDisplayFilter, type DisplayFilter } from '../core/filter/index';
import type { DissectedFrame } from '../core/dissect/frame';
import type { ColorRuleInfo } from './types';

interface RuleSpec {
  name: string;
  filter: string;
  fg: string;
  bg: string;
}

const DARK = '#12272e';
const RED_TEXT = '#a40000';

/**
 * Wireshark's default colouring rules, in their evaluation order (first match wins). Rules for
 * protocols this build does not dissect fail to compile and are skipped.
 */
export const DEFAULT_COLOR_RULES: readonly RuleSpec[] = [
  {
    name: 'Bad TCP',
    filter:
      'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack',
    fg: DARK,
    bg: '#f78787',
  },
  { name: 'HSRP State Change', filter: 'hsrp.state != 8 && hsrp.state != 16', fg: DARK, bg: '#fffc9c' },
  { name: 'Spanning Tree Topology  Change', filter: 'stp.type == 0x80', fg: DARK, bg: '#fffc9c' },
  { name: 'OSPF State Change', filter: 'ospf.msg != 1', fg: DARK, bg: '#fffc9c' },
  {
    name: 'ICMP errors',
    filter: 'icmp.type in {3..5, 11} || icmpv6.type in {1..4}',
    fg: DARK,
    bg: '#b7f774',
  },
  { name: 'ARP', filter: 'arp', fg: DARK, bg: '#faf0d7' },
  { name: 'ICMP', filter: 'icmp || icmpv6', fg: DARK, bg: '#fce0ff' },
  { name: 'TCP RST', filter: 'tcp.flags.reset eq 1', fg: RED_TEXT, bg: '#fffc9c' },
  { name: 'SCTP ABORT', filter: 'sctp.chunk_type eq ABORT', fg: RED_TEXT, bg: '#fffc9c' },
  {
    name: 'TTL low or unexpected',
    filter:
      '(ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp))',
    fg: RED_TEXT,
    bg: '#ececec',
  },
  {
    name: 'Checksum Errors',
    filter:
      'eth.fcs.status=="Bad" || ip.checksum.status=="Bad" || tcp.checksum.status=="Bad" || udp.checksum.status=="Bad" || sctp.checksum.status=="Bad"',
    fg: DARK,
    bg: '#f78787',
  },
  { name: 'SMB', filter: 'smb || nbss || nbns || netbios', fg: DARK, bg: '#feffd0' },
  { name: 'HTTP', filter: 'http || tcp.port == 80 || http2', fg: DARK, bg: '#e4ffc7' },
  { name: 'DCERPC', filter: 'dcerpc', fg: DARK, bg: '#c797ff' },
  {
    name: 'Routing',
    filter: 'hsrp || eigrp || ospf || bgp || cdp || vrrp || carp || gvrp || igmp || ismp',
    fg: DARK,
    bg: '#fff3d6',
  },
  { name: 'TCP SYN/FIN', filter: 'tcp.flags & 0x02 || tcp.flags.fin == 1', fg: DARK, bg: '#a0a0a0' },
  { name: 'TCP', filter: 'tcp', fg: DARK, bg: '#e7e6ff' },
  { name: 'UDP', filter: 'udp', fg: DARK, bg: '#daeeff' },
];

/** Splits `a || b || c` at the top level (outside parentheses, braces and strings). */
export function topLevelAlternatives(filter: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (depth === 0 && filter.startsWith('||', i)) {
      parts.push(filter.slice(start, i).trim());
      start = i + 2;
      i++;
    }
  }
  parts.push(filter.slice(start).trim());
  return parts;
}

/**
 * Compiles a rule. A rule naming a protocol this build does not dissect (e.g. `http2` in the
 * HTTP rule) would fail as a whole; its `||` alternatives that do compile are kept instead.
 */
export function compileRule(filter: string): DisplayFilter | null {
  const whole = compileDisplayFilter(filter);
  if (whole.ok) return whole.value;
  const parts = topLevelAlternatives(filter);
  if (parts.length < 2) return null;
  const usable = parts.filter((p) => compileDisplayFilter(p).ok);
  if (usable.length === 0) return null;
  const reduced = compileDisplayFilter(usable.map((p) => `(${p})`).join(' || '));
  return reduced.ok ? reduced.value : null;
}

/** Evaluates the colouring rules on dissected frames (trees must be built). */
export class Colorizer {
  private compiled: (DisplayFilter | null)[] | null = null;

  constructor(private readonly specs: readonly RuleSpec[] = DEFAULT_COLOR_RULES) {}

  private rules(): (DisplayFilter | null)[] {
    if (!this.compiled) this.compiled = this.specs.map((r) => compileRule(r.filter));
    return this.compiled;
  }

  get anyUsable(): boolean {
    return this.rules().some((r) => r !== null);
  }

  info(): ColorRuleInfo[] {
    const rules = this.rules();
    return this.specs.map((s, i) => ({ ...s, usable: rules[i] !== null }));
  }

  /** Index of the first matching rule, -1 when none matches. */
  match(frame: DissectedFrame): number {
    const rules = this.rules();
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      if (!r) continue;
      try {
        if (r.matches(frame)) return i;
      } catch {
        // A rule that throws on an odd frame simply does not colour it.
      }
    }
    return -1;
  }
}
