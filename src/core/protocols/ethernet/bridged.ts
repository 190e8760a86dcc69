/**
 * Ethernet frames bridged over LLC/SNAP with the IEEE 802.1 organization code (RFC 2427):
 * PID 0x0001 keeps the frame check sequence, PID 0x0007 does not; the MAC header follows two
 * bytes of padding.
 */
import { llcBridgedPidTable } from '../llc/dissector';
import { dissectEthernet } from './dissector';

llcBridgedPidTable.add(0x0001, (tvb, pinfo, tree) => dissectEthernet(tvb.sub(2), pinfo, tree, 4));
llcBridgedPidTable.add(0x0007, (tvb, pinfo, tree) => dissectEthernet(tvb.sub(2), pinfo, tree, 0));
