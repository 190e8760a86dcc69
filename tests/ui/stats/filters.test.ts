import { describe, expect, it } from 'vitest';
import type { ConversationRow } from '../../../src/core/stats/conversations';
import { conversationFilter, endpointFilter } from '../../../src/ui/stats/filters';

function conv(a: string, b: string, portA = 0, portB = 0, stream = -1): ConversationRow {
  return {
    a,
    b,
    portA,
    portB,
    stream,
    framesAtoB: 1,
    bytesAtoB: 1,
    framesBtoA: 1,
    bytesBtoA: 1,
    frames: 2,
    bytes: 2,
    relStart: 0,
    duration: 0,
    firstFrame: 1,
  };
}

describe('conversation and endpoint filters', () => {
  it('select both addresses, TCP by stream', () => {
    expect(conversationFilter('ip', conv('10.0.0.1', '10.0.0.2'))).toBe(
      'ip.addr==10.0.0.1 && ip.addr==10.0.0.2',
    );
    expect(conversationFilter('ipv6', conv('fd00::1', 'fd00::2'))).toBe(
      'ipv6.addr==fd00::1 && ipv6.addr==fd00::2',
    );
    expect(conversationFilter('eth', conv('02:00:00:00:00:10', 'ff:ff:ff:ff:ff:ff'))).toBe(
      'eth.addr==02:00:00:00:00:10 && eth.addr==ff:ff:ff:ff:ff:ff',
    );
    expect(conversationFilter('tcp', conv('10.0.0.1', '10.0.0.2', 1234, 80, 7))).toBe('tcp.stream eq 7');
    expect(conversationFilter('udp', conv('fd00::1', 'fd00::53', 5000, 53))).toBe(
      'ipv6.addr==fd00::1 && udp.port==5000 && ipv6.addr==fd00::53 && udp.port==53',
    );
  });
  it('endpoints', () => {
    const e = {
      address: '10.0.0.1',
      port: 80,
      frames: 1,
      bytes: 1,
      txFrames: 1,
      txBytes: 1,
      rxFrames: 0,
      rxBytes: 0,
      firstFrame: 1,
    };
    expect(endpointFilter('ip', e)).toBe('ip.addr==10.0.0.1');
    expect(endpointFilter('tcp', e)).toBe('ip.addr==10.0.0.1 && tcp.port==80');
  });
});
