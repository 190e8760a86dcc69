import { followStream } from '../core/analysis/follow';
import { tcpStreamCount } from '../core/analysis/tcp-analysis';
import { UdpState } from '../core/protocols/udp/dissector';
import type { CaptureSession } from '../core/session';
import type { FollowChunk, FollowResult } from './types';

/** Number of streams of a protocol in the capture (streams are numbered 0..count-1). */
export function streamCount(session: CaptureSession, proto: 'tcp' | 'udp'): number {
  if (proto === 'tcp') return tcpStreamCount(session.capture);
  return session.capture.stateFor('udp', () => new UdpState()).streams;
}

/** Follow TCP/UDP Stream data for the dialog, from the core's stream reassembly. */
export function followData(session: CaptureSession, proto: 'tcp' | 'udp', stream: number): FollowResult {
  const count = streamCount(session, proto);
  const name = proto.toUpperCase();
  if (count === 0) return { ok: false, message: `This capture has no ${name} streams.` };
  if (!Number.isInteger(stream) || stream < 0 || stream >= count) {
    return {
      ok: false,
      message: `There is no ${name} stream ${stream}: streams are numbered 0 to ${count - 1}.`,
    };
  }
  const r = followStream(session, proto, stream);
  const chunks: FollowChunk[] = r.chunks.map((c) => {
    const out: FollowChunk = { dir: c.dir === 'c2s' ? 0 : 1, bytes: c.bytes, frame: c.frame };
    if (c.missing !== undefined) out.missing = c.missing;
    return out;
  });
  return {
    ok: true,
    data: {
      proto,
      stream,
      client: r.client,
      server: r.server,
      clientBytes: r.bytesC2S,
      serverBytes: r.bytesS2C,
      chunks,
      filter: `${proto}.stream eq ${stream}`,
      maxStream: count - 1,
    },
  };
}
