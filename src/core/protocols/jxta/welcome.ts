import { DESEGMENT_ONE_MORE_SEGMENT, type PacketInfo } from '../../dissect/packet-info';
import type { FieldDef } from '../../dissect/fields';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { asciiString, findLineEnd } from '../media/text';
import { hfJxta as hf } from './fields';

/** "JXTAHELLO " opens both directions of a JXTA stream connection. */
export const WELCOME_SIG = 'JXTAHELLO ';

/** Longest welcome line worth waiting for before giving up (as Wireshark). */
const MAX_WELCOME_WAIT = 4096;

export function startsWithWelcome(tvb: Tvb): boolean {
  if (!tvb.has(0, WELCOME_SIG.length)) return false;
  for (let i = 0; i < WELCOME_SIG.length; i++) if (tvb.u8(i) !== WELCOME_SIG.charCodeAt(i)) return false;
  return true;
}

/**
 * The welcome line: "JXTAHELLO <dest> <public> <peerid> [noProp] [msgVersion] <version>".
 * Returns the bytes of the line (terminator included), 0 when it is not a valid welcome, or
 * -DESEGMENT_ONE_MORE_SEGMENT while the line end has not arrived. Like Wireshark it sets the
 * columns ("JXTA", "Welcome -> peer") and then freezes them for the rest of the frame.
 */
export function dissectWelcome(
  tvb: Tvb,
  pinfo: PacketInfo,
  tree: ProtoNode | null,
  initiator: boolean,
  onPeerId: (id: string) => void,
): number {
  const line = findLineEnd(tvb, 0, -1, pinfo.canDesegment > 0);
  if (line.len === -1) {
    return tvb.reportedLength > MAX_WELCOME_WAIT ? 0 : -DESEGMENT_ONE_MORE_SEGMENT;
  }
  const cols = pinfo.cols;
  cols?.setProtocol('JXTA');
  cols?.setInfo('Welcome');
  const text = asciiString(tvb.view(0, line.len));
  // g_strsplit with at most 255 pieces: the last one keeps the rest of the line.
  const parts = text.split(' ');
  const tokens = parts.length > 255 ? [...parts.slice(0, 254), parts.slice(254).join(' ')] : parts;
  const w = tree
    ? tree.add(hf.welcome, tvb, 0, line.next, null, `JXTA Connection Welcome Message, ${text}`)
    : null;
  w?.addGenerated(hf.welcomeInitiator, initiator ? 1 : 0);
  let result = line.next;
  let at = 0;
  let i = 0;
  const item = (def: FieldDef, label = ''): void => {
    const tok = tokens[i];
    const n = w?.add(def, tvb, at, tok.length, tok);
    if (n && label) n.label = `${def.name}: ${tok}${label}`;
    at += tok.length + 1;
    i++;
  };
  const fixed = [hf.welcomeSig, hf.welcomeDestAddr, hf.welcomePubAddr, hf.welcomePeerId];
  for (const def of fixed) {
    if (i >= tokens.length) {
      result = 0;
      break;
    }
    if (def === hf.welcomePeerId) {
      cols?.appendInfo(`${initiator ? ' -> ' : ' <- '}${tokens[i]}`);
      onPeerId(tokens[i]);
    }
    item(def);
  }
  if (result !== 0) {
    const variable = tokens.length - i;
    if (variable < 1) {
      result = 0;
    } else if (variable === 2 && tokens[tokens.length - 1] === '1.1') {
      item(hf.welcomeNoProp);
      item(hf.welcomeVersion);
    } else if (variable === 3 && tokens[tokens.length - 1] === '3.0') {
      item(hf.welcomeNoProp);
      item(hf.welcomeMsgVersion);
      item(hf.welcomeVersion);
    } else {
      for (let k = 0; k < variable; k++)
        item(k < variable - 1 ? hf.welcomeVariable : hf.welcomeVersion, ' (UNRECOGNIZED)');
    }
  }
  if (cols) cols.writable = false;
  return result;
}
