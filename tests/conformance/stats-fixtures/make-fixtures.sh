#!/usr/bin/env bash
# Regenerates tshark-stats.json: for every (capture, -z argument) below, exactly what
#   WIRESHARK_CONFIG_DIR=<empty> tshark -n -r CAPTURE -q -z ARG
# prints on this machine (tshark 4.0.17), without any TLS key log (so the reports match what
# tshark shows when it cannot decrypt). These complement the corpus oracle
# (shared/captures/oracle/*/stats*/), which covers only conv,tcp/udp/ip, endpoints,ip,
# io,stat,1, expert and io,phs.
# Captures: the corpus, tcpdump-tests/ and the synthetic ones in captures/ (paths in the JSON are
# relative to shared/captures, or "@synth/NAME" for captures/NAME).
# Run by hand, from anywhere:  bash tests/conformance/stats-fixtures/make-fixtures.sh [CAPTURES_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
captures="${1:-$here/../../../../shared/captures}"
[ -d "$captures" ] || captures=/work/shared/captures
out="$here/tshark-stats.json"

python3 "$here/synth-captures.py" "$here/captures"
python3 - "$captures" "$out" <<'PY'
import json, os, subprocess, sys, tempfile

captures, out = sys.argv[1], sys.argv[2]
CORPUS = ["http-basic.pcap", "http-loss.pcap", "tls.pcapng", "dns.pcap", "tcp-failures.pcap",
          "zero-window.pcap", "icmp.pcapng", "ipv6-http.pcapng", "mixed.pcapng", "iperf-loss.pcap"]
# Network-level reports: meaningful on any capture with Ethernet/IP/TCP/UDP.
NET = ["conv,eth", "conv,ip", "conv,ipv6", "conv,tcp", "conv,udp",
       "endpoints,eth", "endpoints,ip", "endpoints,ipv6", "endpoints,tcp", "endpoints,udp"]
IO = ["io,stat,0", "io,stat,0.1", "io,stat,0.01", "io,stat,0.001", "io,stat,0.25", "io,stat,0.5",
      "io,stat,1", "io,stat,2", "io,stat,3", "io,stat,10", "io,stat,100", "io,stat,1.5"]
CALC = ["io,stat,1,FRAMES,BYTES",
        "io,stat,0.5,SUM(frame.len)frame.len,MIN(frame.len)frame.len,MAX(frame.len)frame.len,AVG(frame.len)frame.len",
        "io,stat,1,COUNT(frame.number)frame.number,COUNT(frame.len)",
        "io,stat,2,LOAD(frame.time_delta)frame.time_delta,AVG(frame.time_delta)frame.time_delta,MAX(frame.time_relative)frame.time_relative,SUM(frame.time_delta)frame.time_delta",
        "io,stat,0,MIN(frame.time_delta)frame.time_delta,MIN(frame.cap_len)frame.cap_len"]
FILTERED = ["conv,tcp,tcp.port==80", "conv,ip,frame.len>100", "endpoints,ip,ip.src==192.168.1.10",
            "endpoints,tcp,tcp.flags.syn==1", "conv,udp,dns", "expert,warn", "expert,note",
            "expert,chat,tcp", "expert,error", "expert,comment", "expert,,http", "io,phs,tcp", "io,phs,frame.len>1000",
            "io,stat,1,tcp,udp,ip.addr==192.168.1.1", "io,stat,0.5,tcp.analysis.retransmission,tcp.analysis.flags",
            "io,stat,1,COUNT(tcp.analysis.retransmission)tcp.analysis.retransmission,SUM(tcp.len)tcp.len,AVG(tcp.window_size)tcp.window_size,MAX(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt,MIN(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt,AVG(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt,LOAD(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt",
            "io,stat,1,ip.src==192.168.1.10 and tcp.len > 0 and tcp.flags.push == 1 and not tcp.analysis.retransmission and frame.len > 100"]
CASES = []
for c in CORPUS:
    for a in NET + IO + CALC + ["expert", "io,phs"] + FILTERED:
        CASES.append(("", c, a))
# tcpdump's test files: VLAN, Q-in-Q, tunnels, IPv6 (long addresses, out-of-order times),
# Linux cooked captures, an MPTCP session.
EXTRA = ["802.1ad_QinQ.pcap", "gso-ipv4-vxlan-ipv6.pcap", "icmpv6.pcap", "mptcp-v0.pcap",
         "various_gre.pcap", "vrrp.pcap", "resp_3_malicious.pcap", "afs.pcap", "pim-packet-assortment.pcap",
         "bigtcp-ipv6.pcap", "erspan-type-ii-3.pcap", "dhcpv6-ia-na.pcap", "forces3.pcap"]
for c in EXTRA:
    for a in NET + ["io,stat,0", "io,stat,1", "io,stat,0.01", "io,stat,1000"]:
        CASES.append(("tcpdump-tests/", c, a))

# Synthetic edge cases (synth-captures.py): timestamps on interval boundaries, sub-microsecond
# rounding, out-of-order and very long captures, a single frame, no frame at all.
SYNTH_IO = ["io,stat,0", "io,stat,1", "io,stat,0.5", "io,stat,0.1", "io,stat,0.01", "io,stat,0.001",
            "io,stat,2", "io,stat,3", "io,stat,10", "io,stat,0.3", "io,stat,0.000001", "io,stat,1,FRAMES,BYTES",
            "io,stat,1,SUM(frame.len)frame.len,AVG(frame.time_delta)frame.time_delta,LOAD(frame.time_delta)frame.time_delta"]
for c in ["io-round-mag.pcap", "io-boundaries.pcap", "io-single.pcap", "io-tiny-fraction.pcap", "io-out-of-order.pcap",
          "io-round-up.pcap", "io-dense.pcap", "empty.pcap"]:
    for a in SYNTH_IO + NET + ["expert", "io,phs"]:
        CASES.append(("@synth/", c, a))
for a in ["io,stat,0", "io,stat,1000", "io,stat,100000", "io,stat,20000.5"] + NET:
    CASES.append(("@synth/", "io-long.pcap", a))
for a in NET + ["io,stat,0.01", "io,stat,0.05"]:
    CASES.append(("@synth/", "ipv6-long.pcap", a))
for c in ["tunnel-6in4.pcap", "tunnel-ipip.pcap"]:
    for a in NET + ["io,phs", "expert"]:
        CASES.append(("@synth/", c, a))
for a in ["io,stat,0.5", "io,stat,0.1", "io,stat,1", "io,stat,0", "io,stat,3.0", "io,stat,1.00"]:
    CASES.append(("@synth/", "io-round-mag.pcap", a))
# Argument parsing corners: trailing/empty filters, zeros after the decimal point, bad arguments.
for a in ["io,stat,1,", "io,stat,1,,tcp", "io,stat,1,tcp,", "io,stat,1.0", "io,stat,2.50,udp", "io,stat,0.0",
          "io,stat,1,FRAMES()", "io,stat,1,BYTES()tcp", "io,stat,1,FRAMESudp", "io,stat,x", "io,stat,-1",
          "io,stat,0.0000001", "io,stat,1,SUM(ip.src)ip.src", "io,stat,1,COUNT()", "io,stat,1,LOAD(frame.len)frame.len",
          "io,stat,1,AVG(nosuch.field)", "io,stat,1,SUM(frame.len", "conv,nosuch", "endpoints,ip,(", "expert,bogus",
          "io,stat,1,tcp and (", "expert,warn,tcp.port==80", "io,phs,ip", "conv,tcp,ip.addr==192.168.1.10",
          "io,stat,1,MIN(frame.time_delta)frame.time_delta,MAX(frame.time_delta)frame.time_delta"]:
    CASES.append(("", "http-basic.pcap", a))
for a in ["io,stat,100000,MAX(frame.time_relative)frame.time_relative,SUM(frame.len)frame.len,SUM(frame.time_relative)frame.time_relative"]:
    CASES.append(("@synth/", "io-long.pcap", a))

synth = os.path.join(os.path.dirname(out), "captures")
cfg = tempfile.mkdtemp()
env = dict(os.environ, WIRESHARK_CONFIG_DIR=cfg)

def path_of(sub, cap):
    return os.path.join(synth, cap) if sub == "@synth/" else os.path.join(captures, sub, cap)

durations = {}
def duration(path):
    """Capture duration in seconds (capinfos), to leave out io,stat tables of many rows."""
    if path not in durations:
        p = subprocess.run(["capinfos", "-u", "-M", path], capture_output=True, text=True)
        d = 0.0
        for line in p.stdout.splitlines():
            if "duration" in line:
                try: d = float(line.split(":", 1)[1].split()[0])
                except ValueError: pass
        durations[path] = d
    return durations[path]

def rows_ok(path, arg):
    if not arg.startswith("io,stat,"): return True
    try: iv = float(arg.split(",")[2])
    except ValueError: return True
    return iv <= 0 or duration(path) / iv <= 2500

def run(case):
    sub, cap, arg = case
    path = path_of(sub, cap)
    try:
        p = subprocess.run(["tshark", "-n", "-r", path, "-q", "-z", arg], capture_output=True, env=env, timeout=60)
    except subprocess.TimeoutExpired:
        return None
    stderr = "\n".join(l for l in p.stderr.decode("utf-8", "replace").splitlines() if "Running as user" not in l)
    return {"capture": sub + cap, "arg": arg, "status": p.returncode,
            "output": p.stdout.decode("utf-8", "surrogateescape"), "stderr": stderr}

from concurrent.futures import ThreadPoolExecutor
skipped = []
todo = []
for c in CASES:
    if rows_ok(path_of(c[0], c[1]), c[2]): todo.append(c)
    else: skipped.append({"capture": c[0] + c[1], "arg": c[2], "why": "more than 2500 io,stat rows"})
res = []
with ThreadPoolExecutor(max_workers=2) as ex:
    for c, r in zip(todo, ex.map(run, todo)):
        if r is None:
            # e.g. LOAD() over negative frame.time_delta (out-of-order files) loops forever in tshark 4.0
            skipped.append({"capture": c[0] + c[1], "arg": c[2], "why": "tshark did not finish within 60 s"})
        else:
            res.append(r)
with open(out, "w") as f:
    json.dump({"tshark": subprocess.run(["tshark", "-v"], capture_output=True).stdout.decode().splitlines()[0],
               "command": "tshark -n -r CAPTURE -q -z ARG (empty WIRESHARK_CONFIG_DIR, no key log)",
               "cases": res, "skipped": skipped}, f, indent=1)
print(len(res), "cases,", len(skipped), "skipped ->", out)
PY
