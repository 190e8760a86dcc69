#!/usr/bin/env python3
"""Writes small synthetic captures whose timestamps hit io,stat's edge cases (frames exactly on
interval boundaries, sub-microsecond rounding, a single frame, out-of-order and very long
captures, durations with a tiny fractional part) and address shapes the corpus lacks. Every
frame is a valid Ethernet/IPv4/UDP (or IPv6/UDP) packet. Run by make-fixtures.sh."""
import os, struct, sys

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "captures")
os.makedirs(out, exist_ok=True)

def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def udp4(src, dst, sport, dport, payload):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00" + ip + udp

def udp6_segment(src, dst, sport, dport, payload):
    """UDP over IPv6 with its (mandatory) checksum over the pseudo-header."""
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = bytes(src) + bytes(dst) + struct.pack("!IxxxB", len(udp), 17)
    c = csum(pseudo + udp) or 0xffff
    return udp[:6] + struct.pack("!H", c) + udp[8:]

def udp6(src, dst, sport, dport, payload):
    udp = udp6_segment(src, dst, sport, dport, payload)
    ip = struct.pack("!IHBB16s16s", 0x60000000, len(udp), 17, 64, bytes(src), bytes(dst))
    return b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x86\xdd" + ip + udp

def write(name, frames, nano=True):
    """frames: (sec, nsec, bytes)"""
    with open(os.path.join(out, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b23c4d if nano else 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for sec, nsec, b in frames:
            f.write(struct.pack("<IIII", sec, nsec if nano else nsec // 1000, len(b), len(b)) + b)

A = [10, 0, 0, 1]; B = [10, 0, 0, 2]; C = [10, 0, 0, 3]
T0 = 1700000000
def pkt(i, n=10):
    return udp4(A if i % 3 else B, C, 40100 + i % 5, 40053, bytes(n + (i * 7) % 50))

# frames exactly on whole-second boundaries, ending exactly at 3 s
write("io-boundaries.pcap", [(T0 + s, 0, pkt(s)) for s in range(4)] + [(T0 + 1, 500_000_000, pkt(9))])
# a single frame: duration 0
write("io-single.pcap", [(T0, 123_456_789, pkt(1))])
# duration with a tiny fractional part (3.000005 s) and sub-microsecond timestamps
write("io-tiny-fraction.pcap", [(T0, 0, pkt(0)), (T0, 499, pkt(1)), (T0, 500, pkt(2)),
                                (T0 + 1, 999_999_499, pkt(3)), (T0 + 1, 999_999_500, pkt(4)),
                                (T0 + 3, 5_000, pkt(5))])
# frames earlier than the first frame (out of order), as from a merged two-interface file
write("io-out-of-order.pcap", [(T0 + 2, 0, pkt(0)), (T0 + 1, 0, pkt(1)), (T0 + 3, 250_000_000, pkt(2)),
                               (T0, 900_000_000, pkt(3)), (T0 + 5, 100_000_000, pkt(4))])
# a very long capture (> 1 day) with a burst in the middle
write("io-long.pcap", [(T0, 0, pkt(0))] + [(T0 + 50_000, i * 1_000_000, pkt(i)) for i in range(20)]
      + [(T0 + 123_456, 789_000_000, pkt(7))])
# 9.9999996 s: the duration rounds up to 10 s at microsecond precision
write("io-round-up.pcap", [(T0, 0, pkt(0)), (T0 + 4, 999_999_999, pkt(1)), (T0 + 9, 999_999_600, pkt(2))])
# 250 frames 1 ms apart: sub-second intervals with many rows
write("io-dense.pcap", [(T0, i * 1_000_000, pkt(i, 20 + i % 200)) for i in range(250)])
# IPv6 with long addresses and several UDP conversations sharing an address, microsecond file
L1 = bytes.fromhex("20010db8aaaabbbbccccddddeeee0001"); L2 = bytes.fromhex("20010db8aaaabbbbccccddddeeee0002")
S1 = bytes.fromhex("fe800000000000000000000000000001")
write("ipv6-long.pcap", [(T0, i * 10_000_000, udp6(L1 if i % 2 else L2, S1 if i % 3 else L1, 40000 + i % 4, 45353, bytes(i)))
                         for i in range(12)], nano=False)
# 9.96 s: at one decimal the duration rounds up to 10.0, one more digit
write("io-round-mag.pcap", [(T0, 0, pkt(0)), (T0 + 3, 0, pkt(1)), (T0 + 9, 960_000_000, pkt(2))])
# tunnels: IPv6 in IPv4 (6in4, protocol 41) carrying UDP, and IPv4 in IPv4 carrying TCP; the
# inner and outer headers are separate conversations
def ip4(src, dst, proto, payload):
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 7, 0, 64, proto, 0, bytes(src), bytes(dst))
    return ip[:10] + struct.pack("!H", csum(ip)) + ip[12:] + payload

def tcp_seg(sport, dport, seq, ack, flags, payload=b""):
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload

def eth(payload, ethertype=0x0800):
    return b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + struct.pack("!H", ethertype) + payload

def udp6_bare(src, dst, sport, dport, payload):
    udp = udp6_segment(src, dst, sport, dport, payload)
    return struct.pack("!IHBB16s16s", 0x60000000, len(udp), 17, 64, bytes(src), bytes(dst)) + udp

T1, T2 = [198, 51, 100, 1], [203, 0, 113, 9]
write("tunnel-6in4.pcap", [(T0, i * 1_000_000, eth(ip4(T1 if i % 2 == 0 else T2, T2 if i % 2 == 0 else T1, 41,
      udp6_bare(L1 if i % 2 == 0 else L2, L2 if i % 2 == 0 else L1, 7000 if i % 2 == 0 else 7001, 7001 if i % 2 == 0 else 7000, bytes(8 + i)))))
      for i in range(6)])
I1, I2 = [10, 9, 0, 1], [10, 9, 0, 2]
segs = [(0, 1000, 0, 0x02), (1, 5000, 1001, 0x12), (0, 1001, 5001, 0x10), (0, 1001, 5001, 0x18)]
write("tunnel-ipip.pcap", [(T0, i * 2_000_000, eth(ip4(T1 if d == 0 else T2, T2 if d == 0 else T1, 4,
      ip4(I1 if d == 0 else I2, I2 if d == 0 else I1, 6, tcp_seg(40000 if d == 0 else 80, 80 if d == 0 else 40000, seq, ack, fl,
      b"GET" if fl == 0x18 else b"")))))
      for i, (d, seq, ack, fl) in enumerate(segs)])
# no frames at all
write("empty.pcap", [])
print("wrote synthetic captures to", out)
