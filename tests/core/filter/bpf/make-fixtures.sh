#!/usr/bin/env bash
# Regenerates fixtures/tcpdump-cases.json: for every (capture, expression) below, what tcpdump
# does with it on this machine (tcpdump 4.99 / libpcap 1.10):
#   - the unoptimized program:  tcpdump -r FILE -O -d 'EXPR'
#   - the matching frames:      tcpdump -r FILE -w OUT 'EXPR', each written packet located in the
#                               original file by walking both files in order (lengths + bytes)
#   - or the error message when tcpdump rejects the expression.
# and fixtures/tcpdump-dumps.json: `tcpdump -O -d -y LINKTYPE 'EXPR'` (no file needed) for
# expressions over several link-layer types, program text or error message.
# Run once, by hand, from anywhere:  bash tests/core/filter/bpf/make-fixtures.sh [CAPTURES_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
captures="${1:-$here/../../../../../shared/captures}"
[ -d "$captures" ] || captures=/work/shared/captures
out="$here/fixtures/tcpdump-cases.json"
mkdir -p "$here/fixtures"

python3 - "$captures" "$out" <<'PY'
import json, os, struct, subprocess, sys, tempfile

captures, out = sys.argv[1], sys.argv[2]

# file<TAB>expression
CASES = r"""
http-basic.pcap	tcp[tcpflags] & tcp-ack != 0 and tcp[tcpflags] & tcp-push != 0
http-basic.pcap	ip[6:2] & 0x1fff = 0
http-basic.pcap	len > 1000 and len < 1500
http-basic.pcap	len = 66
http-basic.pcap	ether multicast
http-basic.pcap	ether dst 02:00:00:00:01:00
http-basic.pcap	ether src host 02:00:00:00:00:10 and tcp
http-basic.pcap	net 192.168.0.0 mask 255.255.0.0
http-basic.pcap	net 10.0.0.0 mask 255.0.0.0
http-basic.pcap	dst net 192.168.1.96/28
http-basic.pcap	tcp src port 80 and greater 1400
http-basic.pcap	ip[2:2] > 1000
http-basic.pcap	tcp[12] >> 4 > 5
http-basic.pcap	host 192.168.1.10 and not port 80
http-basic.pcap	ip and not tcp
http-basic.pcap	arp or icmp
http-basic.pcap	ip[8] = 64 and tcp port http
http-basic.pcap	tcp[((tcp[12] & 0xf0) >> 2):4] = 0x47455420
http-loss.pcap	tcp[100:4] = 0 or tcp[100:4] != 0
http-loss.pcap	ip[2:2] - ((ip[0] & 0xf) << 2) - ((tcp[12] & 0xf0) >> 2) > 1000
http-loss.pcap	len >= 1514
http-loss.pcap	tcp[tcpflags] & tcp-rst != 0 or tcp[14:2] = 0
http-loss.pcap	ether[127] = 0 or ether[127] != 0
iperf-loss.pcap	tcp[32:4] != 0
iperf-loss.pcap	tcp portrange 5000-5300 and tcp[4:4] % 7 = 3
iperf-loss.pcap	tcp[8:4] & 0xff ^ 0x0f = 3
iperf-loss.pcap	tcp[0:2] * 2 - tcp[2:2] > 100
iperf-loss.pcap	-tcp[4:4] / 3 < 100000 + 7 | 1
iperf-loss.pcap	tcp[tcpflags] = tcp-syn | tcp-ack
ipv6-http.pcapng	ip6 and tcp port 80
ipv6-http.pcapng	icmp6 and ip6[40] = 135
ipv6-http.pcapng	icmp6[icmp6type] = icmp6-neighborsolicit
ipv6-http.pcapng	icmp6[icmp6type] = icmp6-neighboradvert or icmp6[0] = 136
ipv6-http.pcapng	ip6 host fd00:1::10 and tcp[tcpflags] & tcp-syn != 0
ipv6-http.pcapng	net fd00:1::/64
ipv6-http.pcapng	ip6 multicast
ipv6-http.pcapng	ip6 src fd00:1::100 and greater 1000
ipv6-http.pcapng	ip6[6] = 6 and ip6[53] & 2 != 0
ipv6-http.pcapng	src net fd00:1::100/128 or dst host fd00:1::100
icmp.pcapng	icmp[icmptype] = icmp-echo
icmp.pcapng	icmp[icmptype] = icmp-unreach and icmp[icmpcode] = 3
icmp.pcapng	ip[6] & 0x20 != 0
icmp.pcapng	ip[6:2] & 0x1fff != 0
icmp.pcapng	udp and not ip[6:2] & 0x1fff != 0
icmp.pcapng	ip6 proto 44
icmp.pcapng	ip6 proto 58
icmp.pcapng	ip6 proto \ipv6-icmp
icmp.pcapng	proto \icmp
icmp.pcapng	udp portrange 33434-33534
icmp.pcapng	icmp or icmp6
icmp.pcapng	ether broadcast and arp
icmp.pcapng	arp host 192.168.2.200
icmp.pcapng	dst host 192.168.2.100 and icmp
icmp.pcapng	host 192.168.1.10 or 192.168.2.100 and not icmp
dns.pcap	udp port domain
dns.pcap	port 53 and tcp
dns.pcap	udp[10] & 0x80 != 0
dns.pcap	ip6 and udp port 53
dns.pcap	src port 53 and udp[11] & 0xf = 3
dns.pcap	greater 512 and udp
tls.pcapng	tcp dst port 443 and tcp[((tcp[12] & 0xf0) >> 2)] = 0x16
tls.pcapng	tcp port https
tls.pcapng	host 192.168.1.20 and tcp[tcpflags] & tcp-rst != 0
mixed.pcapng	udp and (port 53 or port 514)
mixed.pcapng	not ip and not ip6
mixed.pcapng	ether broadcast or ether multicast
mixed.pcapng	ip6 and (udp or icmp6)
tcp-failures.pcap	inbound
tcp-failures.pcap	outbound and tcp
tcp-failures.pcap	ifindex 2
tcp-failures.pcap	tcp[tcpflags] & tcp-rst != 0
tcp-failures.pcap	ip6 and tcp
tcp-failures.pcap	port 9000 and tcp[14:2] < 2048
tcp-failures.pcap	link[0:2] = 0x86dd
tcp-failures.pcap	ether host 02:00:00:00:00:10
tcp-failures.pcap	ether multicast
zero-window.pcap	tcp[14:2] = 0
zero-window.pcap	tcp[14:2] < 1000 and tcp[tcpflags] & tcp-syn = 0
tcpdump-tests/802.1ad_QinQ.pcap	vlan
tcpdump-tests/802.1ad_QinQ.pcap	vlan 200
tcpdump-tests/802.1ad_QinQ.pcap	vlan 2001
tcpdump-tests/802.1ad_QinQ.pcap	vlan and vlan 2001
tcpdump-tests/802.1ad_QinQ.pcap	vlan 200 and vlan 2001 and ip
tcpdump-tests/802.1ad_QinQ.pcap	vlan and ip
tcpdump-tests/802.1ad_QinQ.pcap	ip
tcpdump-tests/rpvstp-trunk-native-vid5.pcap	vlan 5
tcpdump-tests/rpvstp-trunk-native-vid5.pcap	vlan
tcpdump-tests/rpvstp-trunk-native-vid5.pcap	vlan and llc
tcpdump-tests/rpvstp-trunk-native-vid5.pcap	llc
tcpdump-tests/rpvstp-trunk-native-vid5.pcap	stp
tcpdump-tests/MSTP_Intra-Region_BPDUs.pcap	stp or vlan
tcpdump-tests/various_gre.pcap	vlan
tcpdump-tests/various_gre.pcap	ip proto \gre
tcpdump-tests/various_gre.pcap	proto 47 and not vlan
tcpdump-tests/pppoes.pcap	pppoes
tcpdump-tests/pppoes.pcap	pppoes 0x17
tcpdump-tests/pppoe.pcap	pppoed
tcpdump-tests/mpls-traceroute.pcap	mpls
tcpdump-tests/mpls-traceroute.pcap	mpls 100704 and udp
tcpdump-tests/mpls-traceroute.pcap	ip and icmp
tcpdump-tests/babel.pcap	ip6 and udp port 6697
tcpdump-tests/babel.pcap	inbound
tcpdump-tests/babel.pcap	ip6 multicast
tcpdump-tests/forces1.pcap	sctp
tcpdump-tests/forces1.pcap	sctp port 6704 or sctp port 6706
tcpdump-tests/forces1.pcap	outbound and ip
tcpdump-tests/ikev2four.pcap	ip and udp port 500
tcpdump-tests/ikev2four.pcap	ip6
tcpdump-tests/icmpv6-RFC2894-RR.pcap	ip6
tcpdump-tests/icmpv6-RFC2894-RR.pcap	icmp6
tcpdump-tests/dns-badcookie.pcap	udp port 53
tcpdump-tests/loopback.pcap	ether proto \loopback
tcpdump-tests/loopback.pcap	ether proto 0x9000 or ip
tcpdump-tests/LINKTYPE_RAW_ipv4.pcap	ip
tcpdump-tests/LINKTYPE_RAW_ipv6.pcap	ip6
tcpdump-tests/LINKTYPE_RAW_ipv6.pcap	ip
tcpdump-tests/LINKTYPE_IPV4.pcap	ip and udp
tcpdump-tests/LINKTYPE_IPV6.pcap	ip6
tcpdump-tests/LINKTYPE_IPV6.pcap	ip
tcpdump-tests/bgp_vpn_attrset.pcap	tcp port 179
tcpdump-tests/icmp-rfc5837.pcap	icmp
tcpdump-tests/HDLC.pcap	rarp
tcpdump-tests/HDLC.pcap	ip
tcpdump-tests/ISIS_p2p_adjacency.pcap	isis
tcpdump-tests/ISIS_p2p_adjacency.pcap	iih
tcpdump-tests/ISIS_p2p_adjacency.pcap	l2
tcpdump-tests/cve2015-0261-ipv6.pcap	ip6
tcpdump-tests/OSPFv3_NBMA_adjacencies.pcap	ip6
tcpdump-tests/OSPFv3_NBMA_adjacencies.pcap	ip
tcpdump-tests/ieee802.11_exthdr.pcap	type mgt subtype probe-req
http-basic.pcap	ip protochain 6
ipv6-http.pcapng	ip6 protochain 6 and not ip6 proto 17
icmp.pcapng	protochain 58
icmp.pcapng	protochain \udp
iperf-loss.pcap	protochain 6 and tcp[40:4] != 0
tcpdump-tests/ieee802.11_exthdr.pcap	type ctl or subtype ack
tcpdump-tests/ieee802.11_exthdr.pcap	wlan addr1 ff:ff:ff:ff:ff:ff or ether broadcast
tcpdump-tests/ieee802.11_exthdr.pcap	ether multicast
tcpdump-tests/ieee802.11_exthdr.pcap	radio[8] & 0x10 != 0
tcpdump-tests/ieee802.11_tim_ie_oobr.pcap	type mgt
tcpdump-tests/ieee802.11_meshid.pcap	subtype beacon or ip
http-basic.pcap	foo
http-basic.pcap	host foo
http-basic.pcap	port 99999
http-basic.pcap	tcp[1:3] = 1
http-basic.pcap	vlan 5000
http-basic.pcap	tcp[0] / 0 = 1
http-basic.pcap	ip[0] << 32 = 1
http-basic.pcap	net 10.0.0.1/8
http-basic.pcap	udp port http
http-basic.pcap	ip host fd00::1
http-basic.pcap	ether host foo
http-basic.pcap	port 80 and
http-basic.pcap	(tcp
http-basic.pcap	tcp)
http-basic.pcap	src or 1.2.3.4
http-basic.pcap	ip proto foo
http-basic.pcap	ether proto foo
http-basic.pcap	inbound
http-basic.pcap	ifindex 1
http-basic.pcap	host 1.2.3.4.5
http-basic.pcap	net 1.2.3.4 mask 255.0.0.0
http-basic.pcap	portrange 1-99999
http-basic.pcap	len = 0x123456789
http-basic.pcap	len = 089
http-basic.pcap	mpls 1048576
http-basic.pcap	pppoes 65536
http-basic.pcap	tcp proto 6
http-basic.pcap	arp proto 1
http-basic.pcap	llc foo
http-basic.pcap	gateway foo
http-basic.pcap	TCP
http-basic.pcap	1.2.3.4
http-basic.pcap	host 1:2:3:4:5:6:7:8:9
http-basic.pcap	ip6 host 1.2.3.4
http-basic.pcap	tcp and 80
http-basic.pcap	host foo and (
http-basic.pcap	port 99999 and
http-basic.pcap	ether host foo bar
http-basic.pcap	(host foo
http-basic.pcap	tcp[1:3] +
http-basic.pcap	host foo and host ::1.2.3.400
http-basic.pcap	host ::1.2.3.400 and host foo
http-basic.pcap	port 80 and )
http-basic.pcap	7 % 3 + 1 = 2
http-basic.pcap	ip and ip6
http-basic.pcap	tcp port 80 and udp port 80
http-basic.pcap	len < 10 and len > 20
http-basic.pcap	ip[0] = 1 and ip[0] = 2
tcpdump-tests/ikev2four.pcap	ether broadcast
tcpdump-tests/ikev2four.pcap	vlan
tcpdump-tests/babel.pcap	vlan
tcpdump-tests/babel.pcap	ether multicast
"""

def read_capture(path):
    """(caplen, origlen, bytes) of every packet of a pcap or pcapng file."""
    data = open(path, 'rb').read()
    pkts = []
    magic = data[:4]
    if magic == b'\x0a\x0d\x0d\x0a':
        off, endian, snaplens = 0, '<', []
        while off + 12 <= len(data):
            if data[off:off+4] == b'\x0a\x0d\x0d\x0a':
                endian = '<' if data[off+8:off+12] == b'\x4d\x3c\x2b\x1a' else '>'
            btype, blen = struct.unpack(endian + 'II', data[off:off+8])
            body = data[off+8:off+blen-4]
            if btype == 1:
                snaplens.append(struct.unpack(endian + 'I', body[4:8])[0])
            elif btype == 6:
                _, _, _, cap, orig = struct.unpack(endian + 'IIIII', body[:20])
                pkts.append((cap, orig, body[20:20+cap]))
            elif btype == 3:
                orig = struct.unpack(endian + 'I', body[:4])[0]
                cap = min(orig, snaplens[0] or orig)
                pkts.append((cap, orig, body[4:4+cap]))
            elif btype == 2:
                _, _, _, _, cap, orig = struct.unpack(endian + 'HHIIII', body[:20])
                pkts.append((cap, orig, body[20:20+cap]))
            off += blen
        return pkts
    endian = '<' if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
    off = 24
    while off + 16 <= len(data):
        _, _, cap, orig = struct.unpack(endian + 'IIII', data[off:off+16])
        if off + 16 + cap > len(data):
            break
        pkts.append((cap, orig, data[off+16:off+16+cap]))
        off += 16 + cap
    return pkts

def tcpdump(args):
    p = subprocess.run(['tcpdump'] + args, capture_output=True, text=True)
    errs = [l for l in p.stderr.splitlines() if not l.startswith(('reading from file', 'Warning:'))]
    snap = None
    for l in p.stderr.splitlines():
        if 'snapshot length' in l:
            snap = int(l.rsplit(' ', 1)[1])
    return p.returncode, p.stdout, errs, snap

version = subprocess.run(['tcpdump', '--version'], capture_output=True, text=True).stdout.splitlines()
cases = []
for line in CASES.strip().splitlines():
    rel, expr = line.split('\t')
    path = os.path.join(captures, rel)
    rc, dump, errs, snap = tcpdump(['-r', path, '-O', '-d', '--', expr])
    case = {'file': rel, 'expr': expr}
    if rc != 0:
        case['error'] = errs[-1] if errs else 'tcpdump failed'
        cases.append(case)
        continue
    with tempfile.TemporaryDirectory() as tmp:
        outp = os.path.join(tmp, 'out.pcap')
        rc, _, errs, _ = tcpdump(['-r', path, '--time-stamp-precision=nano', '-w', outp, '--', expr])
        if rc != 0:
            # Only the optimizer notices some contradictions ("expression rejects all packets").
            case['error'] = errs[-1] if errs else 'tcpdump failed'
            cases.append(case)
            continue
        orig = read_capture(path)
        written = read_capture(outp)
    frames, i = [], 0
    for w in written:
        while i < len(orig) and orig[i] != w:
            i += 1
        if i == len(orig):
            raise SystemExit(f'{rel}: {expr}: written packet not found in the original')
        frames.append(i + 1)
        i += 1
    case.update({'snaplen': snap, 'frames': frames, 'dump': dump})
    cases.append(case)

json.dump({'generator': 'tests/core/filter/bpf/make-fixtures.sh', 'tcpdump': version[:2], 'cases': cases},
          open(out, 'w'), indent=1)
print(f'{len(cases)} cases -> {out}')

# Programs for link types without a capture at hand. -y compiles as for a live capture, which
# differs from a file only for the BSD loopbacks (NULL, LOOP) and for inbound/outbound/ifindex (left to the
# capture cases above). The optimized compile is run too, for "expression rejects all packets".
DUMP_EXPRS = ['ip', 'ip6', 'arp', 'tcp', 'udp port 53', 'host 10.1.2.3', 'net 10.0.0.0/8', 'ip6 host fd00::1',
              'tcp port 80 and (tcp[tcpflags] & tcp-syn) != 0', 'icmp or icmp6', 'ip[0] & 0xf > 5', 'len > 100',
              'vlan', 'mpls', 'ether broadcast', 'ether multicast', 'ether host 01:02:03:04:05:06', 'link[0] = 1', 'iso', 'stp', 'ipx', 'atalk', 'decnet', 'rarp',
              'ip proto 47', 'ip6 proto 17', 'pppoes and ip', 'not ip and not ip6', 'isis', 'l1', 'clnp',
              'portrange 100-200', 'ip multicast', 'ip broadcast', 'llc', 'decnet host 1.2',
              'wlan src 01:02:03:04:05:06', 'wlan addr2 01:02:03:04:05:06', 'wlan ta 01:02:03:04:05:06',
              'type mgt subtype beacon', 'subtype qos-data', 'dir fromds', 'radio[0] = 0', 'type 7',
              'protochain 6', 'ip6 protochain 17']
LINKTYPES = {'EN10MB': 1, 'LINUX_SLL': 113, 'LINUX_SLL2': 276, 'RAW': 101, 'IPV4': 228, 'IPV6': 229, 'PPP': 9,
             'PPP_SERIAL': 50, 'C_HDLC': 104, 'SLIP': 8, 'FRELAY': 107, 'PPP_ETHER': 51,
             'IEEE802_11': 105, 'IEEE802_11_RADIO': 127, 'PRISM_HEADER': 119, 'IEEE802_11_RADIO_AVS': 163, 'PPI': 192}
dumps = []
for name, lt in LINKTYPES.items():
    for expr in DUMP_EXPRS:
        rc, dump, errs, _ = tcpdump(['-O', '-d', '-y', name, '--', expr])
        entry = {'linktype': lt, 'dlt': name, 'expr': expr}
        if rc == 0:
            orc, _, oerrs, _ = tcpdump(['-d', '-y', name, '--', expr])
            if orc != 0:
                rc, errs = orc, oerrs
        if rc != 0:
            entry['error'] = errs[-1] if errs else 'tcpdump failed'
        else:
            entry['dump'] = dump
        dumps.append(entry)
dout = os.path.join(os.path.dirname(out), 'tcpdump-dumps.json')
json.dump({'generator': 'tests/core/filter/bpf/make-fixtures.sh', 'tcpdump': version[:2], 'dumps': dumps},
          open(dout, 'w'), indent=1)
print(f'{len(dumps)} programs -> {dout}')
PY
