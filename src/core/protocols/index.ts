/**
 * Loads every protocol so it registers its fields and its dissector-table entries.
 * Order matters only where two protocols claim the same key (the later one wins).
 */
import './ethernet/dissector';
import './llc/dissector';
import './ethernet/bridged';
import './vlan/dissector';
import './sll/dissector';
import './null/dissector';
import './rawip/dissector';
import './arp/dissector';
import './ip/dissector';
import './icmp/dissector';
import './ipv6/dissector';
import './icmpv6/dissector';
import './udp/dissector';
import './tcp/dissector';
import './dns/dissector';
import './tls/dissector';
import './http/dissector';
import './syslog/dissector';
import './sigcomp/dissector';
// TCP payload heuristics: tried in tshark's order by tcp-heuristics/chain.ts, not import order.
import './tds/dissector';
import './spice/dissector';
import './rtps/dissector';
import './openwire/dissector';
import './jxta/dissector';
import './s101/dissector';
import './h1/dissector';
