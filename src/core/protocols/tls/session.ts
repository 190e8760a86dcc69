import { addressKey, type Address } from '../../dissect/address';
import type { PacketInfo } from '../../dissect/packet-info';

export const VERSION_UNKNOWN = -1;
export const TLS13 = 0x0304;

/**
 * What the record layer knows about one TLS connection (Wireshark's SslSession): the
 * negotiated version and cipher, the randoms (kept for decryption with a key log later), and
 * per direction whether ChangeCipherSpec was seen (later handshake records are encrypted).
 */
export interface TlsSessionState {
  version: number;
  cipherSuite: number;
  clientRandom: Uint8Array | null;
  serverRandom: Uint8Array | null;
  /** Server endpoint ("addr/port"), once a hello told us; '' before. */
  server: string;
  ccsFromClient: boolean;
  ccsFromServer: boolean;
  /** ALPN protocol the server selected ('' if none). */
  alpn: string;
}

function newSession(): TlsSessionState {
  return {
    version: VERSION_UNKNOWN,
    cipherSuite: -1,
    clientRandom: null,
    serverRandom: null,
    server: '',
    ccsFromClient: false,
    ccsFromServer: false,
    alpn: '',
  };
}

export function endpoint(a: Address, port: number): string {
  return `${addressKey(a)}/${port}`;
}

function connectionKey(pinfo: PacketInfo): string {
  const a = endpoint(pinfo.src, pinfo.srcPort);
  const b = endpoint(pinfo.dst, pinfo.dstPort);
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * Capture-wide TLS state. The first pass mutates the live session of each connection; a frame
 * dissected again (visited) works on a copy of the session as it was when the frame was first
 * seen, so revisiting shows exactly what the first pass showed and changes nothing.
 */
export class TlsState {
  private readonly sessions = new Map<string, TlsSessionState>();
  private readonly atFrame = new Map<number, TlsSessionState>();

  sessionFor(pinfo: PacketInfo): TlsSessionState {
    const cached = pinfo.getData<TlsSessionState>('tls.session');
    if (cached) return cached;
    let s: TlsSessionState;
    if (pinfo.visited) {
      const snap = this.atFrame.get(pinfo.num);
      s = snap ? { ...snap } : newSession();
    } else {
      const key = connectionKey(pinfo);
      let live = this.sessions.get(key);
      if (!live) this.sessions.set(key, (live = newSession()));
      if (!this.atFrame.has(pinfo.num)) this.atFrame.set(pinfo.num, { ...live });
      s = live;
    }
    pinfo.setData('tls.session', s);
    return s;
  }
}
