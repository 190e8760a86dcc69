import { describe, expect, it, vi } from 'vitest';

// The filter actions talk to the worker; only the pure helper is tested here.
vi.mock('../../../src/ui/worker-client', () => ({ worker: () => ({}), proxy: (f: unknown) => f }));
const { splitBpf } = await import('../../../src/ui/actions/filter');

describe('splitBpf', () => {
  it('takes the bpf: prefix or the BPF toggle', () => {
    expect(splitBpf('bpf: tcp port 80', false)).toEqual({ bpf: true, expr: 'tcp port 80' });
    expect(splitBpf('  BPF:udp', false)).toEqual({ bpf: true, expr: 'udp' });
    expect(splitBpf('tcp.port == 80', false)).toEqual({ bpf: false, expr: 'tcp.port == 80' });
    expect(splitBpf('tcp port 80', true)).toEqual({ bpf: true, expr: 'tcp port 80' });
  });
});
