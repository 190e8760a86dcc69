import { describe, expect, it } from 'vitest';
import { DEFAULT_COLOR_RULES, compileRule, topLevelAlternatives } from '../../src/worker/coloring';
import { captureBytes, newWorker, open } from './helpers';

describe('colouring rules', () => {
  it('splits top-level alternatives only', () => {
    expect(topLevelAlternatives('http || tcp.port == 80 || http2')).toEqual([
      'http',
      'tcp.port == 80',
      'http2',
    ]);
    expect(topLevelAlternatives('(a || b) && c')).toEqual(['(a || b) && c']);
    expect(topLevelAlternatives('x == "a||b" || y')).toEqual(['x == "a||b"', 'y']);
  });

  it('keeps the alternatives of a rule that this build can evaluate', () => {
    expect(compileRule('http || no_such_protocol_xyz')).not.toBeNull();
    expect(compileRule('no_such_protocol_xyz')).toBeNull();
  });

  it('colours frames with the first matching default rule', async () => {
    const w = newWorker();
    const { outcome } = await open(w, 'http-basic.pcap', captureBytes('http-basic.pcap'));
    const rules = w.colorRules();
    const name = (i: number): string => (i >= 0 ? rules[i].name : '');
    // 1: ARP request; 3: SYN to port 80 (the HTTP rule, tcp.port == 80, comes before TCP SYN/FIN,
    // as in Wireshark); 5: plain ACK on port 80; 6: HTTP GET.
    const rows = w.rows({
      gen: outcome.gen,
      nums: Uint32Array.of(1, 3, 5, 6),
      timeFormat: 'relative',
      coloring: true,
    });
    expect(rows?.map((r) => name(r.color))).toEqual(['ARP', 'HTTP', 'HTTP', 'HTTP']);
    const failures = await open(w, 'tcp-failures.pcap', captureBytes('tcp-failures.pcap'));
    // tcp-failures frame 3: SYN to port 81 (nothing listening), frame 4: its RST/ACK.
    const f = w.rows({
      gen: failures.outcome.gen,
      nums: Uint32Array.of(3, 4),
      timeFormat: 'relative',
      coloring: true,
    });
    expect(f?.map((r) => name(r.color))).toEqual(['TCP SYN/FIN', 'TCP RST']);
    expect(rules.length).toBe(DEFAULT_COLOR_RULES.length);
  });
});
