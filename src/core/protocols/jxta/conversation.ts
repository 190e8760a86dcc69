import { addressKey, AT, copyAddress, type Address } from '../../dissect/address';
import { PT, type PacketInfo } from '../../dissect/packet-info';

/**
 * What JXTA remembers per transport connection (Wireshark's jxta_stream_conversation_data):
 * which side sent the initiator's and the receiver's welcome, from where, and the peer IDs
 * (URIs) they announced.
 */
export interface TptConversation {
  initiatorAddr: Address;
  initiatorPort: number;
  initiatorWelcomeFrame: number;
  initiatorUri: string | null;
  receiverAddr: Address;
  receiverPort: number;
  receiverWelcomeFrame: number;
  receiverUri: string | null;
}

type Conversations = Map<string, TptConversation>;

function endpointKey(a: Address, port: number): string {
  return `${addressKey(a)}/${port}`;
}

function conversationKey(pinfo: PacketInfo): string {
  const a = endpointKey(pinfo.src, pinfo.srcPort);
  const b = endpointKey(pinfo.dst, pinfo.dstPort);
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Finds or creates the connection's state; a new one takes this packet's source as initiator. */
export function tptConversation(pinfo: PacketInfo): TptConversation {
  const all = pinfo.capture.stateFor<Conversations>('jxta', () => new Map());
  const key = conversationKey(pinfo);
  let c = all.get(key);
  if (!c) {
    c = {
      initiatorAddr: copyAddress(pinfo.src),
      initiatorPort: pinfo.srcPort,
      initiatorWelcomeFrame: 0,
      initiatorUri: null,
      receiverAddr: copyAddress(pinfo.dst),
      receiverPort: pinfo.dstPort,
      receiverWelcomeFrame: 0,
      receiverUri: null,
    };
    all.set(key, c);
  }
  return c;
}

/**
 * A welcome message was seen in this frame: decides whether it is the initiator's (the first
 * one, or one in an earlier frame than the one recorded) and records its sender. Returns true
 * for the initiator.
 */
export function noteWelcome(c: TptConversation, pinfo: PacketInfo): boolean {
  if (c.initiatorWelcomeFrame === 0) {
    c.initiatorWelcomeFrame = pinfo.num;
    c.initiatorAddr = copyAddress(pinfo.src);
    c.initiatorPort = pinfo.srcPort;
    return true;
  }
  if (c.initiatorWelcomeFrame >= pinfo.num) {
    // What was recorded first is in fact the receiver's welcome.
    c.receiverWelcomeFrame = c.initiatorWelcomeFrame;
    c.receiverAddr = c.initiatorAddr;
    c.receiverPort = c.initiatorPort;
    c.receiverUri = c.initiatorUri;
    c.initiatorWelcomeFrame = pinfo.num;
    c.initiatorAddr = copyAddress(pinfo.src);
    c.initiatorPort = pinfo.srcPort;
    return true;
  }
  c.receiverWelcomeFrame = pinfo.num;
  c.receiverAddr = copyAddress(pinfo.src);
  c.receiverPort = pinfo.srcPort;
  return false;
}

const uri = (text: string): Address => ({ type: AT.STRINGZ, v4: 0, bytes: null, text });

/**
 * Once both peers announced their IDs, a message's source and destination become the peer
 * URIs (the Source/Destination columns show them) and the ports go away.
 */
export function usePeerAddresses(c: TptConversation, pinfo: PacketInfo): void {
  if (c.initiatorUri === null || c.receiverUri === null) return;
  const from = endpointKey(pinfo.src, pinfo.srcPort);
  let src: string;
  let dst: string;
  if (from === endpointKey(c.initiatorAddr, c.initiatorPort)) {
    [src, dst] = [c.initiatorUri, c.receiverUri];
  } else if (from === endpointKey(c.receiverAddr, c.receiverPort)) {
    [src, dst] = [c.receiverUri, c.initiatorUri];
  } else {
    return;
  }
  pinfo.src = uri(src);
  pinfo.dst = uri(dst);
  pinfo.srcPort = 0;
  pinfo.dstPort = 0;
  pinfo.ptype = PT.NONE;
}
