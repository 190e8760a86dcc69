import { addressKey, type Address } from '../../dissect/address';
import type { PacketInfo } from '../../dissect/packet-info';

export const VERSION_UNKNOWN = -1;
export const SSLV2 = 0x0002;
export const TLS13 = 0x0304;

/**
 * What the record layer knows about one TLS connection (Wireshark's SslSession): the
 * negotiated version and cipher, the randoms (kept for decryption with a key log later), the
 * server endpoint once a ClientHello named it, the frames of each side's ChangeCipherSpec, and
 * the handshake message each side is still reassembling across records.
 */
export interface TlsSessionState {
  version: number;
  cipherSuite: number;
  clientRandom: Uint8Array | null;
  serverRandom: Uint8Array | null;
  /** Server endpoint ("addr/port"), set by a ClientHello; '' before. */
  server: string;
  clientCcsFrame: number;
  serverCcsFrame: number;
  /** Handshake reassembly in progress per direction (0: none). */
  clientHsReassembly: number;
  serverHsReassembly: number;
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
    clientCcsFrame: 0,
    serverCcsFrame: 0,
    clientHsReassembly: 0,
    serverHsReassembly: 0,
    alpn: '',
  };
}

export function endpoint(a: Address, port: number): string {
  return `${addressKey(a)}/${port}`;
}

function connectionKey(pinfo: PacketInfo, stream: number | undefined): string {
  if (stream !== undefined) return `tcp:${stream}`;
  const a = endpoint(pinfo.src, pinfo.srcPort);
  const b = endpoint(pinfo.dst, pinfo.dstPort);
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** One piece of a handshake message split over records (TlsHsFragment). */
export interface HsFragment {
  recordId: string;
  reassemblyId: number;
  isLast: boolean;
  /** Offset of this piece in the message. */
  offset: number;
  type: number;
}

/** A handshake message being put together from several records. */
export interface HsReassembly {
  pieces: { frame: number; offset: number; data: Uint8Array }[];
  /** Frame where the last piece arrived, 0 while incomplete. */
  reassembledIn: number;
  /** The whole message once complete. */
  bytes: Uint8Array | null;
}

/**
 * Capture-wide TLS state. The first pass mutates the live session of each connection; a frame
 * dissected again (visited) works on a copy of the session as it was when the frame was first
 * seen, so revisiting shows exactly what the first pass showed and changes nothing.
 */
export class TlsState {
  private readonly sessions = new Map<string, TlsSessionState>();
  private readonly atFrame = new Map<number, TlsSessionState>();
  private reassemblyCount = 0;
  readonly reassemblies = new Map<number, HsReassembly>();
  /** Handshake fragments seen per frame, in the order the first pass met them. */
  readonly fragments = new Map<number, HsFragment[]>();

  sessionFor(pinfo: PacketInfo, stream: number | undefined): TlsSessionState {
    const cached = pinfo.getData<TlsSessionState>('tls.session');
    if (cached) return cached;
    let s: TlsSessionState;
    if (pinfo.visited) {
      const snap = this.atFrame.get(pinfo.num);
      s = snap ? { ...snap } : newSession();
    } else {
      const key = connectionKey(pinfo, stream);
      let live = this.sessions.get(key);
      if (!live) this.sessions.set(key, (live = newSession()));
      if (!this.atFrame.has(pinfo.num)) this.atFrame.set(pinfo.num, { ...live });
      s = live;
    }
    pinfo.setData('tls.session', s);
    return s;
  }

  newReassembly(): number {
    const id = ++this.reassemblyCount;
    this.reassemblies.set(id, { pieces: [], reassembledIn: 0, bytes: null });
    return id;
  }

  /** fragment_add_check: adds a piece; the last one completes the message. */
  addPiece(pinfo: PacketInfo, frag: HsFragment, data: Uint8Array): void {
    const r = this.reassemblies.get(frag.reassemblyId);
    if (!r) return;
    r.pieces.push({ frame: pinfo.num, offset: frag.offset, data: data.slice() });
    let list = this.fragments.get(pinfo.num);
    if (!list) this.fragments.set(pinfo.num, (list = []));
    list.push(frag);
    if (frag.isLast) {
      const total = frag.offset + data.length;
      const bytes = new Uint8Array(total);
      for (const p of r.pieces)
        bytes.set(p.data.subarray(0, Math.max(0, Math.min(p.data.length, total - p.offset))), p.offset);
      r.bytes = bytes;
      r.reassembledIn = pinfo.num;
    }
  }
}
