import { addressEquals, addressKey, copyAddress, type Address } from '../../dissect/address';
import { FrameHistory } from '../app-state/frame-history';
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
  /** Server endpoint, set by a ClientHello; null before. */
  serverAddr: Address | null;
  serverPort: number;
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
    serverAddr: null,
    serverPort: 0,
    clientCcsFrame: 0,
    serverCcsFrame: 0,
    clientHsReassembly: 0,
    serverHsReassembly: 0,
    alpn: '',
  };
}

function copySession(s: TlsSessionState): TlsSessionState {
  return { ...s };
}

function sameSession(a: TlsSessionState, b: TlsSessionState): boolean {
  return (
    a.version === b.version &&
    a.cipherSuite === b.cipherSuite &&
    a.clientRandom === b.clientRandom &&
    a.serverRandom === b.serverRandom &&
    a.serverAddr === b.serverAddr &&
    a.serverPort === b.serverPort &&
    a.clientCcsFrame === b.clientCcsFrame &&
    a.serverCcsFrame === b.serverCcsFrame &&
    a.clientHsReassembly === b.clientHsReassembly &&
    a.serverHsReassembly === b.serverHsReassembly &&
    a.alpn === b.alpn
  );
}

/** ssl_set_server: the server is the destination of the ClientHello. */
export function setServer(session: TlsSessionState, pinfo: PacketInfo): void {
  session.serverAddr = copyAddress(pinfo.dst);
  session.serverPort = pinfo.dstPort;
}

/** Whether the packet comes from the session's server endpoint (once one is known). */
export function fromServerEndpoint(session: TlsSessionState, pinfo: PacketInfo): boolean {
  return (
    session.serverAddr !== null &&
    session.serverPort === pinfo.srcPort &&
    addressEquals(session.serverAddr, pinfo.src)
  );
}

/** Connections outside TCP (no stream number), by their endpoints. */
function connectionKey(pinfo: PacketInfo): string {
  const a = `${addressKey(pinfo.src)}/${pinfo.srcPort}`;
  const b = `${addressKey(pinfo.dst)}/${pinfo.dstPort}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** A connection's live session and what it looked like along the first pass. */
interface SessionEntry {
  live: TlsSessionState;
  history: FrameHistory<TlsSessionState>;
}

function newEntry(): SessionEntry {
  return { live: newSession(), history: new FrameHistory(sameSession, copySession) };
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
  /** TCP connections by stream number (the usual case: no key string per frame). */
  private readonly byStream = new Map<number, SessionEntry>();
  private readonly byKey = new Map<string, SessionEntry>();
  private reassemblyCount = 0;
  readonly reassemblies = new Map<number, HsReassembly>();
  /** Handshake fragments seen per frame, in the order the first pass met them. */
  readonly fragments = new Map<number, HsFragment[]>();

  private entry(pinfo: PacketInfo, stream: number | undefined): SessionEntry {
    let e: SessionEntry | undefined;
    if (stream !== undefined) {
      e = this.byStream.get(stream);
      if (!e) this.byStream.set(stream, (e = newEntry()));
    } else {
      const key = connectionKey(pinfo);
      e = this.byKey.get(key);
      if (!e) this.byKey.set(key, (e = newEntry()));
    }
    return e;
  }

  sessionFor(pinfo: PacketInfo, stream: number | undefined): TlsSessionState {
    if (!pinfo.visited) {
      // The live session: every call of the frame shares it; the history keeps its state
      // at the frame's first call.
      const e = this.entry(pinfo, stream);
      e.history.note(pinfo.num, e.live);
      return e.live;
    }
    // Revisiting: a scratch copy of the session as the frame first saw it, shared by the
    // frame's calls.
    const cached = pinfo.getData<TlsSessionState>('tls.session');
    if (cached) return cached;
    const s = this.entry(pinfo, stream).history.at(pinfo.num) ?? newSession();
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
