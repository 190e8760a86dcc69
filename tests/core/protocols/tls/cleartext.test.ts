/**
 * Clear text on a TLS port: a payload opening with four printable ASCII bytes is not TLS
 * (tshark 4.0 shows such segments as TCP with data, e.g. the benchmark's synthetic bulk flows on
 * port 443), while a real record on the same port still is.
 */
import { describe, expect, it } from 'vitest';
import { CLIENT4, PcapBuilder, SERVER4 } from '../pcap-builder';
import * as T from './tls-builder';
import '../../../../src/core/protocols/index';
import { CaptureSession } from '../../../../src/core/session';

function layersAndProtocols(bytes: Uint8Array): { layers: string; proto: string }[] {
  const out: { layers: string; proto: string }[] = [];
  const session = new CaptureSession({
    firstPass: {
      tree: true,
      columns: true,
      onFrame: (d) => out.push({ layers: d.pinfo.layers.join(':'), proto: d.pinfo.cols?.protocol ?? '' }),
    },
  });
  session.push(bytes);
  session.finish();
  return out;
}

describe('TLS port carrying clear text', () => {
  it('hands printable payload on to data and still takes a TLS record', () => {
    const p = new PcapBuilder();
    const f = p.tcp({ ip: CLIENT4, port: 50001 }, { ip: SERVER4, port: 443 }).handshake();
    f.send('c', new TextEncoder().encode(' !"#$%&\'()*+,-./0123456789'));
    const p2 = new PcapBuilder();
    const g = p2.tcp({ ip: CLIENT4, port: 50002 }, { ip: SERVER4, port: 443 }).handshake();
    g.send('c', T.record(22, 0x0301, T.clientHello({ sni: 'x.example' })));
    const text = layersAndProtocols(p.build()).at(-1)!;
    expect(text).toEqual({ layers: 'eth:ethertype:ip:tcp:data', proto: 'TCP' });
    const tls = layersAndProtocols(p2.build()).at(-1)!;
    expect(tls.layers).toBe('eth:ethertype:ip:tcp:tls');
    expect(tls.proto).toBe('TLSv1');
  });
});
