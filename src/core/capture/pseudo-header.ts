/**
 * The checks wiretap makes on the pseudo-header some link types carry at the front of the packet
 * data. A failing check makes tshark stop reading the file, so the readers must stop there too.
 */
import { linktypeInfo } from './linktypes';

const LINKTYPE_LINUX_IRDA = 144;
const LINKTYPE_LINUX_LAPD = 177;

/**
 * Returns wiretap's complaint about the pseudo-header of a packet of `caplen` bytes starting at
 * `bytes[start]`, or undefined when it is acceptable.
 */
export function pseudoHeaderProblem(
  linktype: number,
  bytes: Uint8Array,
  start: number,
  caplen: number,
): string | undefined {
  const need = linktypeInfo(linktype).pseudoHeaderLength;
  if (need === 0) return undefined;
  if (caplen < need) {
    return `pcap/pcapng: ${linktypeInfo(linktype).description ?? 'pseudo-header'} file has a ${caplen}-byte packet, too small to have even a pseudo-header`;
  }
  if (linktype === LINKTYPE_LINUX_IRDA || linktype === LINKTYPE_LINUX_LAPD) {
    // These carry a Linux cooked header whose protocol field must name the link layer.
    const protocol = (bytes[start + 14] << 8) | bytes[start + 15];
    if (linktype === LINKTYPE_LINUX_IRDA && protocol !== 0x0017)
      return 'pcap/pcapng: IrDA capture has a packet with an invalid sll_protocol field';
    if (linktype === LINKTYPE_LINUX_LAPD && protocol !== 0x0030)
      return 'pcap/pcapng: LAPD capture has a packet with an invalid sll_protocol field';
  }
  return undefined;
}
