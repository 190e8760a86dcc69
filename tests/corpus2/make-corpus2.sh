#!/bin/bash
# make-corpus2.sh -- build a second capture corpus of the same kinds as
# /work/shared/captures, with other parameters (sizes, ports, names, loss rates),
# captured live in Linux network namespaces on this machine, then write the
# tshark/tcpdump oracle for each capture with shared/tools/oracle.sh.
#
# Usage (root, Linux): make-corpus2.sh OUTDIR [--no-oracle]
# Needs: iproute2 nftables tcpdump dumpcap tshark curl nginx dnsmasq dig openssl
#        iperf3 ping traceroute nc arping ethtool python3
# Only loopback and namespaces are used; nothing leaves the machine.
set -uo pipefail
OUT=${1:?usage: make-corpus2.sh OUTDIR [--no-oracle]}
ORACLE=1; [ "${2:-}" = "--no-oracle" ] && ORACLE=0
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
ORACLE_SH=${ORACLE_SH:-/work/shared/tools/oracle.sh}
W=$(mktemp -d /tmp/corpus2.XXXX); chmod 755 "$W"   # nginx workers read the content

# ---------------------------------------------------------------- parameters
# Chosen to differ from the shipped corpus (seed 1): other sizes, ports, names, loss.
HTTP_BIG_KB=190; HTTP_PAGE_KB=25; HTTP_KEEPALIVE_N=4; HTTP_POST_FIELDS=4
LOSS_PORT=8080; LOSS_PERMILLE=35; LOSS_C2S_PERMILLE=5; LOSS_RATE=30mbit; LOSS_QDELAY=80ms
LOSS_SIZES_KB="1500 2100 1700"; LOSS_UPLOAD_KB=420; LOSS_SNAPLEN=128
DNS_CNAME1=alias; DNS_CNAME2=edge; DNS_MX1=mx1; DNS_MX2=mx2; DNS_NX=missing; DNS_BIG=many; DNS_BIG_N=35
DNS_TXT="v=spf1 ip4:192.168.1.0/24 ~all"; DNS_OUTZONE=example.net
TLS_EXPIRED_NAME=legacy; TLS_OLD_NAME=ancient
FAIL_CLOSED_PORT=82; FAIL_DROP_PORT=9998; FAIL_ABORT_PORT=9100; FAIL_IDLE_PORT=9101
FAIL_ABORT_S=1.2; FAIL_IDLE_S=6; FAIL_CONNECT_TIMEOUT=5
ZW_PORT=5556; ZW_RCVBUF=6144; ZW_TOTAL_KB=180; ZW_PAUSE1=2.5; ZW_PAUSE2=2.0
ICMP_PING_N=4; ICMP_BIG=2500; ICMP_UDP_PORT=5557
V6_PORT=8088; V6_FILE_KB=90
IPERF_PORT=5202; IPERF_SECS=3; IPERF_RATE=25mbit; IPERF_QDELAY=60ms; IPERF_LOSS_PERMILLE=20; IPERF_SNAPLEN=96
MIX_SYSLOG_MSG="backup: weekly archive done"
# CORPUS2_PARAMS=FILE (a shell file of NAME=value lines) overrides any of the above, e.g. other loss rates
[ -n "${CORPUS2_PARAMS:-}" ] && . "$CORPUS2_PARAMS"

P=c2   # namespace prefix
NS_SW=$P-sw; NS_CLI=$P-cli; NS_SRV=$P-srv; NS_SRV2=$P-srv2; NS_DNS=$P-dns; NS_RTR=$P-rtr; NS_FAR=$P-far
ALL_NS="$NS_SW $NS_CLI $NS_SRV $NS_SRV2 $NS_DNS $NS_RTR $NS_FAR"
e() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null; done
  for ns in $ALL_NS; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill "$p" 2>/dev/null; done
  done
  sleep 0.5
  for ns in $ALL_NS; do ip netns del "$ns" 2>/dev/null; done
  rm -rf /etc/netns/$NS_CLI
}
trap cleanup EXIT
cleanup

# ---------------------------------------------------------------- topology
ip netns add $NS_SW; e $NS_SW ip link add br0 type bridge; e $NS_SW ip link set br0 up; e $NS_SW ip link set lo up
nooffload() { e "$1" ethtool -K "$2" tx off rx off tso off gso off gro off sg off >/dev/null 2>&1 || true; }
attach() { # ns ifname mac ipv4 ipv6 swport
  local ns=$1 ifn=$2 mac=$3 v4=$4 v6=$5 port=$6
  ip netns list | grep -qw "$ns" || ip netns add "$ns"
  e "$ns" ip link set lo up
  ip link add "$port" netns $NS_SW type veth peer name "$ifn" netns "$ns"
  e "$ns" ip link set "$ifn" address "$mac"
  e "$ns" sysctl -qw net.ipv6.conf."$ifn".accept_dad=0 net.ipv6.conf.all.accept_dad=0
  e "$ns" ip addr add "$v4" dev "$ifn"; e "$ns" ip -6 addr add "$v6" dev "$ifn" nodad
  e "$ns" ip link set "$ifn" up
  e $NS_SW ip link set "$port" master br0; e $NS_SW ip link set "$port" up
  nooffload "$ns" "$ifn"; nooffload $NS_SW "$port"
}
attach $NS_CLI eth0 02:00:00:00:00:10 192.168.1.10/24 fd00:1::10/64 p-cli
attach $NS_SRV eth0 02:00:00:00:01:00 192.168.1.100/24 fd00:1::100/64 p-srv
attach $NS_SRV2 eth0 02:00:00:00:00:20 192.168.1.20/24 fd00:1::20/64 p-srv2
attach $NS_DNS eth0 02:00:00:00:00:53 192.168.1.53/24 fd00:1::53/64 p-dns
attach $NS_RTR lan0 02:00:00:00:00:01 192.168.1.1/24 fd00:1::1/64 p-rtr
ip netns add $NS_FAR; e $NS_FAR ip link set lo up
ip link add wan0 netns $NS_RTR address 02:00:00:00:02:01 type veth peer name eth0 netns $NS_FAR
e $NS_FAR ip link set eth0 address 02:00:00:00:02:00
for ns in $NS_RTR $NS_FAR; do e $ns sysctl -qw net.ipv6.conf.all.accept_dad=0; done
e $NS_RTR ip addr add 192.168.2.1/24 dev wan0; e $NS_RTR ip -6 addr add fd00:2::1/64 dev wan0 nodad; e $NS_RTR ip link set wan0 up
e $NS_FAR ip addr add 192.168.2.100/24 dev eth0; e $NS_FAR ip -6 addr add fd00:2::100/64 dev eth0 nodad; e $NS_FAR ip link set eth0 up
nooffload $NS_RTR wan0; nooffload $NS_FAR eth0
e $NS_RTR sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
e $NS_FAR ip route add default via 192.168.2.1; e $NS_FAR ip -6 route add default via fd00:2::1
for ns in $NS_CLI $NS_SRV $NS_SRV2 $NS_DNS; do e $ns ip route add default via 192.168.1.1; e $ns ip -6 route add default via fd00:1::1; done
e $NS_SW sysctl -qw net.bridge.bridge-nf-call-iptables=0 2>/dev/null || true
sleep 2   # let IPv6 addresses settle

flush_neigh() { for ns in $NS_CLI $NS_SRV $NS_SRV2 $NS_DNS $NS_RTR $NS_FAR; do e $ns ip neigh flush all 2>/dev/null; done; }
CAP_PID=
cap_start() { # ns file args...   (tcpdump or dumpcap, chosen by the caller)
  local ns=$1; shift
  # a simple command (not the function e) so that $! is the capturing process itself
  ip netns exec "$ns" "$@" >"$W/cap.log" 2>&1 & CAP_PID=$!; PIDS+=($CAP_PID); sleep 1.5
}
cap_stop() { sleep 1; kill -INT "$CAP_PID" 2>/dev/null; wait "$CAP_PID" 2>/dev/null; sleep 0.3; }
TCPDUMP="tcpdump -Z root --immediate-mode -B 65536 -n"

# ---------------------------------------------------------------- content, certificates, servers
WWW=$W/www; mkdir -p "$WWW/api"
cat >"$WWW/index.html" <<'EOF'
<!doctype html><html><head><title>Corpus two</title><link rel="stylesheet" href="style.css"></head>
<body><h1>Second corpus</h1><p>Served by nginx in a network namespace.</p></body></html>
EOF
printf 'body { font-family: sans-serif; color: #223344; }\nh1 { margin: 2em; }\n' >"$WWW/style.css"
printf 'About this lab: corpus two, made with other parameters.\n' >"$WWW/about.txt"
python3 - "$WWW" "$HTTP_PAGE_KB" "$HTTP_BIG_KB" "$V6_FILE_KB" <<'EOF'
import sys, random
d, page, big, v6 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
r = random.Random(2)
words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split()
txt = ""
while len(txt) < page * 1024:
    txt += " ".join(r.choice(words) for _ in range(12)) + "\n"
open(f"{d}/page.html", "w").write("<html><body><pre>\n" + txt[:page*1024] + "</pre></body></html>\n")
open(f"{d}/big.bin", "wb").write(bytes(r.getrandbits(8) for _ in range(big * 1024)))
open(f"{d}/v6data.bin", "wb").write(bytes(r.getrandbits(8) for _ in range(v6 * 1024)))
EOF
for kb in $LOSS_SIZES_KB; do head -c $((kb * 1024)) /dev/urandom >"$WWW/dl-$kb.bin"; done
head -c $((LOSS_UPLOAD_KB * 1024)) /dev/urandom >"$W/upload.bin"

# the upstream application behind nginx's /api/ (submit, stream, slow, upload)
cat >"$W/app.py" <<'EOF'
import http.server, time, sys
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    def log_message(self, *a): pass
    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0")); body = self.rfile.read(n)
        msg = b"created %d bytes\n" % len(body)
        self.send_response(201); self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(msg))); self.end_headers(); self.wfile.write(msg)
    def do_GET(self):
        if self.path.startswith("/api/stream"):
            self.send_response(200); self.send_header("Content-Type", "text/plain"); self.end_headers()
            for i in range(5):
                self.wfile.write(b"event %d: tick\n" % i); self.wfile.flush(); time.sleep(0.12)
            return
        if self.path.startswith("/api/slow"): time.sleep(0.4)
        msg = b'{"ok": true}\n'
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(msg))); self.end_headers(); self.wfile.write(msg)
http.server.ThreadingHTTPServer(("127.0.0.1", 8081), H).serve_forever()
EOF

PKI=$W/pki; mkdir -p "$PKI"; cd "$PKI"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/O=Corpus Two Test CA/CN=Corpus Two Root" 2>/dev/null
mkcert() { # name cn sans startdate enddate
  openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/C=NL/O=Lantern Rigging BV/CN=$2" 2>/dev/null
  printf 'subjectAltName=%s\n' "$3" >"$1.ext"
  mkdir -p db; : >db/index; echo 1000 >db/serial
  cat >ca.cnf <<EOC
[ca]
default_ca=c
[c]
dir=.
database=db/index
serial=db/serial
new_certs_dir=db
certificate=ca.pem
private_key=ca.key
default_md=sha256
policy=p
unique_subject=no
[p]
commonName=supplied
EOC
  openssl ca -batch -config ca.cnf -in "$1.csr" -out "$1.pem" -startdate "$4" -enddate "$5" -extfile "$1.ext" -notext >/dev/null 2>&1
}
mkcert main example.com "DNS:example.com,DNS:www.example.com" 20260101000000Z 20300101000000Z
mkcert old $TLS_EXPIRED_NAME.example.com "DNS:$TLS_EXPIRED_NAME.example.com,DNS:$TLS_OLD_NAME.example.com" 20190601000000Z 20220301000000Z
cd - >/dev/null

# nginx refuses the same listen address twice (a parameter set may put LOSS_PORT or V6_PORT on 80)
LISTEN="listen 80; listen [::]:80;"
[ "$LOSS_PORT" != 80 ] && LISTEN+=" listen $LOSS_PORT;"
[ "$V6_PORT" != 80 ] && [ "$V6_PORT" != "$LOSS_PORT" ] && LISTEN+=" listen [::]:$V6_PORT;"
[ "$V6_PORT" = "$LOSS_PORT" ] && [ "$V6_PORT" != 80 ] && LISTEN="listen 80; listen [::]:80; listen $LOSS_PORT; listen [::]:$V6_PORT;"
cat >"$W/nginx-srv.conf" <<EOF
user root; worker_processes 1; daemon off; pid $W/nginx-srv.pid; error_log $W/nginx-srv.err;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types; access_log off; sendfile off; keepalive_timeout 30;
  gzip on; gzip_types text/plain text/css; gzip_min_length 1000;
  client_max_body_size 20m; client_body_temp_path $W/nb; proxy_temp_path $W/np;
  server {
    $LISTEN
    listen 443 ssl http2; ssl_certificate $PKI/main.pem; ssl_certificate_key $PKI/main.key;
    ssl_protocols TLSv1.2 TLSv1.3; server_name example.com;
    root $WWW;
    location /api/ { proxy_pass http://127.0.0.1:8081; proxy_http_version 1.0; proxy_buffering off; }
  }
}
EOF
cat >"$W/nginx-srv2.conf" <<EOF
user root; worker_processes 1; daemon off; pid $W/nginx-srv2.pid; error_log $W/nginx-srv2.err;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types; access_log off; client_body_temp_path $W/nb2; proxy_temp_path $W/np2;
  server {
    listen 80; listen 443 ssl; ssl_certificate $PKI/old.pem; ssl_certificate_key $PKI/old.key;
    ssl_protocols TLSv1.2; ssl_ciphers ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256;
    root $WWW;
  }
}
EOF
e $NS_SRV python3 "$W/app.py" & PIDS+=($!)
e $NS_SRV nginx -c "$W/nginx-srv.conf" & PIDS+=($!)
e $NS_SRV2 nginx -c "$W/nginx-srv2.conf" & PIDS+=($!)

# DNS (dnsmasq authoritative-like for example.com, no upstream)
{
  for i in $(seq 1 $DNS_BIG_N); do echo "10.20.$((i / 200)).$((i % 200 + 1)) $DNS_BIG.example.com"; done
} >"$W/big.hosts"
cat >"$W/dnsmasq.conf" <<EOF
no-resolv
no-hosts
local=/example.com/
addn-hosts=$W/big.hosts
host-record=example.com,192.168.1.100,fd00:1::100
host-record=srv2.example.com,192.168.1.20,fd00:1::20
host-record=$DNS_CNAME2.example.com,192.168.1.100,fd00:1::100
cname=www.example.com,$DNS_CNAME1.example.com
cname=$DNS_CNAME1.example.com,$DNS_CNAME2.example.com
mx-host=example.com,$DNS_MX1.example.com,10
mx-host=example.com,$DNS_MX2.example.com,20
host-record=$DNS_MX1.example.com,192.168.1.25
host-record=$DNS_MX2.example.com,192.168.1.26
txt-record=example.com,"$DNS_TXT","corpus=two"
ptr-record=100.1.168.192.in-addr.arpa,example.com
EOF
e $NS_DNS dnsmasq -k -C "$W/dnsmasq.conf" --pid-file="$W/dnsmasq.pid" & PIDS+=($!)
mkdir -p /etc/netns/$NS_CLI
printf 'nameserver 192.168.1.53\noptions timeout:1 attempts:1\n' >/etc/netns/$NS_CLI/resolv.conf
printf '127.0.0.1 localhost\n' >/etc/netns/$NS_CLI/hosts
sleep 1.5
CURL="curl -s -o /dev/null --max-time 20"
# several URLs on one keep-alive connection: one -o per URL
curl_many() { local ns=$1; shift; local a=(); for x in "$@"; do case $x in http*) a+=(-o /dev/null "$x");; *) a+=("$x");; esac; done
  e "$ns" curl -s --max-time 60 "${a[@]}"; }

# ---------------------------------------------------------------- http-basic
echo "== http-basic"; flush_neigh
cap_start $NS_CLI $TCPDUMP -i eth0 -w "$OUT/http-basic.pcap"
e $NS_CLI $CURL -H "Host: example.com" http://192.168.1.100/
e $NS_CLI $CURL http://192.168.1.100/absent/page.html
urls=(); for f in index.html style.css gone.html about.txt index.html; do urls+=("http://192.168.1.100/$f"); done
curl_many $NS_CLI -H "Host: example.com" "${urls[@]:0:$HTTP_KEEPALIVE_N}"
form=""; for i in $(seq 1 $HTTP_POST_FIELDS); do form+="${form:+&}field$i=value+$i"; done
e $NS_CLI $CURL -H "Host: example.com" -d "$form" http://192.168.1.100/api/submit
e $NS_CLI $CURL -H "Host: example.com" http://192.168.1.100/api/stream
e $NS_CLI $CURL -H "Host: example.com" -H "Accept-Encoding: gzip" http://192.168.1.100/page.html
e $NS_CLI $CURL -H "Host: example.com" http://192.168.1.100/big.bin
e $NS_CLI $CURL -I -H "Host: example.com" http://192.168.1.100/about.txt
e $NS_CLI $CURL -H "Host: example.com" -H "If-Modified-Since: $(date -u -R -d '+1 day' | sed 's/+0000/GMT/')" http://192.168.1.100/style.css
e $NS_CLI $CURL -X PUT -H "Host: example.com" -d x=1 http://192.168.1.100/index.html
e $NS_CLI $CURL -H "Host: WWW.Example.COM" http://192.168.1.100/index.html
e $NS_CLI $CURL -H "Host: example.com" http://192.168.1.100/api/slow
e $NS_CLI python3 -c "import urllib.request as u; u.urlopen(u.Request('http://192.168.1.100/about.txt', headers={'Host':'example.com','Connection':'close'})).read()"
cap_stop

# ---------------------------------------------------------------- http-loss (captured on the client, after the lossy hop)
echo "== http-loss"; flush_neigh
e $NS_SW nft -f - <<EOF
table bridge c2loss {
  chain c2fwd { type filter hook forward priority 0;
    iifname "p-srv" tcp sport $LOSS_PORT numgen random mod 1000 < $LOSS_PERMILLE drop
    iifname "p-cli" tcp dport $LOSS_PORT meta length > 200 numgen random mod 1000 < $LOSS_C2S_PERMILLE drop
  }
}
EOF
cap_start $NS_CLI $TCPDUMP --time-stamp-precision=nano -s $LOSS_SNAPLEN -i eth0 -w "$OUT/http-loss.pcap"
set -- $LOSS_SIZES_KB
e $NS_CLI $CURL -H "Host: example.com" "http://192.168.1.100:$LOSS_PORT/dl-$1.bin"
shift
e $NS_SW tc qdisc add dev p-cli root tbf rate $LOSS_RATE burst 32kbit latency $LOSS_QDELAY
e $NS_SW tc qdisc add dev p-srv root tbf rate $LOSS_RATE burst 32kbit latency $LOSS_QDELAY
urls=(); for kb in "$@"; do urls+=("http://192.168.1.100:$LOSS_PORT/dl-$kb.bin"); done
curl_many $NS_CLI -H "Host: example.com" "${urls[@]}"
e $NS_CLI $CURL -H "Host: example.com" --data-binary @"$W/upload.bin" -H "Content-Type: application/octet-stream" "http://192.168.1.100:$LOSS_PORT/api/upload"
cap_stop
e $NS_SW nft list ruleset >"$W/loss-counters.txt"; e $NS_SW nft delete table bridge c2loss
e $NS_SW tc qdisc del dev p-cli root; e $NS_SW tc qdisc del dev p-srv root

# ---------------------------------------------------------------- tls
echo "== tls"; flush_neigh; rm -f "$OUT/tls.keylog"
cap_start $NS_CLI dumpcap -q -i eth0 -w "$OUT/tls.pcapng"
R="--resolve example.com:443:192.168.1.100 --resolve www.example.com:443:192.168.1.100 --resolve $TLS_EXPIRED_NAME.example.com:443:192.168.1.20 --resolve $TLS_OLD_NAME.example.com:443:192.168.1.20"
K="env SSLKEYLOGFILE=$OUT/tls.keylog"
e $NS_CLI $K $CURL $R --cacert "$PKI/ca.pem" --tlsv1.3 --http1.1 https://www.example.com/about.txt
e $NS_CLI $K $CURL $R --cacert "$PKI/ca.pem" --tlsv1.3 --http2 https://example.com/index.html
e $NS_CLI $K $CURL $R --cacert "$PKI/ca.pem" --tlsv1.2 --tls-max 1.2 --ciphers ECDHE-RSA-AES256-GCM-SHA384 https://example.com/style.css
e $NS_CLI $K $CURL $R --cacert "$PKI/ca.pem" --tlsv1.3 https://$TLS_OLD_NAME.example.com/
e $NS_CLI $K $CURL $R --cacert "$PKI/ca.pem" https://$TLS_EXPIRED_NAME.example.com/
e $NS_CLI $K $CURL $R -k --ciphers ECDHE-RSA-AES128-GCM-SHA256 https://$TLS_EXPIRED_NAME.example.com/about.txt
e $NS_CLI $K $CURL $R --tlsv1.3 https://example.com/
cap_stop

# ---------------------------------------------------------------- dns
echo "== dns"; flush_neigh
cap_start $NS_CLI $TCPDUMP -i eth0 -w "$OUT/dns.pcap"
D="dig +tries=1 +time=2 @192.168.1.53"
e $NS_CLI $D example.com MX >/dev/null
e $NS_CLI $D example.com A >/dev/null
e $NS_CLI $D example.com TXT >/dev/null
e $NS_CLI $D www.example.com A >/dev/null
e $NS_CLI $D example.com AAAA >/dev/null
e $NS_CLI $D $DNS_NX.example.com A >/dev/null
e $NS_CLI $D $DNS_OUTZONE A >/dev/null
e $NS_CLI $D +tcp srv2.example.com A >/dev/null
e $NS_CLI $D +noedns $DNS_BIG.example.com A >/dev/null
e $NS_CLI $D -x 192.168.1.100 >/dev/null
e $NS_CLI dig +tries=1 +time=2 -6 @fd00:1::53 www.example.com AAAA >/dev/null
e $NS_CLI $D $DNS_NX.example.com AAAA >/dev/null
cap_stop

# ---------------------------------------------------------------- tcp-failures (any -> LINUX_SLL2)
echo "== tcp-failures"; flush_neigh
e $NS_SRV nft -f - <<EOF
table inet c2drop {
  chain c2in {
    type filter hook input priority 0;
    tcp dport $FAIL_DROP_PORT drop
  }
}
EOF
cat >"$W/abort-srv.py" <<EOF
import socket, struct, time, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("0.0.0.0", $FAIL_ABORT_PORT)); s.listen(1)
c, _ = s.accept(); c.recv(4096)
c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 3145728\r\n\r\n")
c.setblocking(False); t0 = time.time(); chunk = b"\x5a" * 16384
while time.time() - t0 < $FAIL_ABORT_S:
    try: c.send(chunk)
    except BlockingIOError: time.sleep(0.01)
c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)); c.close()
EOF
cat >"$W/abort-cli.py" <<EOF
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192); s.connect(("192.168.1.100", $FAIL_ABORT_PORT))
s.sendall(b"GET /stream.bin HTTP/1.1\r\nHost: example.com\r\nUser-Agent: slowreader/2\r\n\r\n")
try:
    while s.recv(4096): time.sleep(0.05)
except OSError: pass
EOF
cat >"$W/idle-srv.py" <<EOF
import socket, struct, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("0.0.0.0", $FAIL_IDLE_PORT)); s.listen(1)
c, _ = s.accept(); c.recv(100); c.sendall(b"pong\n"); time.sleep($FAIL_IDLE_S)
c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)); c.close()
EOF
cat >"$W/idle-cli.py" <<EOF
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 2); s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 2)
s.connect(("192.168.1.100", $FAIL_IDLE_PORT)); s.sendall(b"ping\n"); s.recv(100)
try: s.recv(100)
except OSError: pass
EOF
cap_start $NS_CLI $TCPDUMP -i any -s 2048 -w "$OUT/tcp-failures.pcap"
e $NS_CLI $CURL http://192.168.1.100:$FAIL_CLOSED_PORT/
e $NS_CLI nc -6 -z -w 2 fd00:1::100 $FAIL_CLOSED_PORT
e $NS_CLI $CURL --connect-timeout $FAIL_CONNECT_TIMEOUT http://192.168.1.100:$FAIL_DROP_PORT/
e $NS_SRV python3 "$W/abort-srv.py" & sp=$!; sleep 0.5
e $NS_CLI python3 "$W/abort-cli.py"; wait $sp
e $NS_SRV python3 "$W/idle-srv.py" & sp=$!; sleep 0.5
e $NS_CLI python3 "$W/idle-cli.py"; wait $sp
cap_stop
e $NS_SRV nft delete table inet c2drop

# ---------------------------------------------------------------- zero-window
echo "== zero-window"; flush_neigh
cat >"$W/zw-srv.py" <<EOF
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, $ZW_RCVBUF); s.bind(("0.0.0.0", $ZW_PORT)); s.listen(1)
c, _ = s.accept(); total = $ZW_TOTAL_KB * 1024; got = 0
time.sleep($ZW_PAUSE1)
t0 = time.time()
while time.time() - t0 < 1.0: got += len(c.recv(1024)); time.sleep(0.05)
time.sleep($ZW_PAUSE2)
while got < total:
    b = c.recv(65536)
    if not b: break
    got += len(b)
c.sendall(b"OK %d\n" % got); c.close()
EOF
cat >"$W/zw-cli.py" <<EOF
import socket
s = socket.create_connection(("192.168.1.100", $ZW_PORT)); s.sendall(b"\x33" * ($ZW_TOTAL_KB * 1024)); s.recv(100); s.close()
EOF
e $NS_SRV python3 "$W/zw-srv.py" & sp=$!; sleep 0.5
cap_start $NS_CLI $TCPDUMP --time-stamp-precision=nano -i eth0 -w "$OUT/zero-window.pcap"
e $NS_CLI python3 "$W/zw-cli.py"; wait $sp
cap_stop

# ---------------------------------------------------------------- icmp (on the router, two interfaces)
echo "== icmp"; flush_neigh
cap_start $NS_RTR dumpcap -q -i lan0 -i wan0 -w "$OUT/icmp.pcapng"
e $NS_CLI ping -c 2 -i 0.2 192.168.1.1 >/dev/null
e $NS_CLI ping -c $ICMP_PING_N -i 0.2 192.168.2.100 >/dev/null
e $NS_CLI ping -c 2 -i 0.2 -s $ICMP_BIG 192.168.2.100 >/dev/null
e $NS_CLI ping -c 1 -t 1 192.168.2.100 >/dev/null
e $NS_CLI traceroute -n -q 1 -w 1 -m 3 192.168.2.100 >/dev/null
e $NS_CLI sh -c "echo hello | nc -u -w 1 192.168.2.100 $ICMP_UDP_PORT" >/dev/null 2>&1
e $NS_CLI ping -c 2 -W 1 192.168.2.201 >/dev/null
e $NS_CLI ping -6 -c $ICMP_PING_N -i 0.2 fd00:2::100 >/dev/null
e $NS_CLI ping -6 -c 1 -s $ICMP_BIG fd00:2::100 >/dev/null
e $NS_CLI traceroute -6 -n -q 1 -w 1 -m 3 fd00:2::100 >/dev/null
cap_stop

# ---------------------------------------------------------------- ipv6-http
echo "== ipv6-http"; flush_neigh
cap_start $NS_CLI tshark -q -i eth0 -w "$OUT/ipv6-http.pcapng"
B="http://[fd00:1::100]:$V6_PORT"
e $NS_CLI $CURL -H "Host: example.com" $B/
curl_many $NS_CLI -H "Host: example.com" $B/style.css $B/about.txt $B/absent.txt $B/index.html
e $NS_CLI $CURL -H "Host: example.com" $B/v6data.bin
e $NS_CLI $CURL -H "Host: example.com" -d "name=v6&kind=test" $B/api/submit
cap_stop

# ---------------------------------------------------------------- mixed
echo "== mixed"; flush_neigh; rm -f "$OUT/mixed.keylog"
cap_start $NS_CLI dumpcap -q -i eth0 -w "$OUT/mixed.pcapng"
e $NS_CLI $CURL http://www.example.com/about.txt
e $NS_CLI env SSLKEYLOGFILE="$OUT/mixed.keylog" $CURL -4 --cacert "$PKI/ca.pem" https://example.com/style.css
curl_many $NS_CLI -4 http://srv2.example.com/ http://srv2.example.com/robots.txt
e $NS_CLI ping -c 2 -i 0.3 example.com >/dev/null
e $NS_CLI dig +tries=1 +time=2 MX example.com >/dev/null
e $NS_CLI getent hosts $DNS_NX.example.com >/dev/null
e $NS_CLI logger -n 192.168.1.20 -P 514 -d "$MIX_SYSLOG_MSG"
e $NS_CLI ping -6 -c 1 fd00:1::53 >/dev/null
e $NS_CLI arping -c 2 -w 2 -I eth0 192.168.1.1 >/dev/null 2>&1
cap_stop

# ---------------------------------------------------------------- iperf-loss (captured on the sender, snaplen 96)
echo "== iperf-loss"; flush_neigh
e $NS_SRV iperf3 -s -1 -p $IPERF_PORT >/dev/null 2>&1 & sp=$!
e $NS_SW nft -f - <<EOF
table bridge c2loss {
  chain c2fwd {
    type filter hook forward priority 0;
    iifname "p-cli" meta length > 200 numgen random mod 1000 < $IPERF_LOSS_PERMILLE drop
  }
}
EOF
e $NS_SW tc qdisc add dev p-srv root tbf rate $IPERF_RATE burst 32kbit latency $IPERF_QDELAY
cap_start $NS_CLI $TCPDUMP -s $IPERF_SNAPLEN -i eth0 -w "$OUT/iperf-loss.pcap"
e $NS_CLI iperf3 -c 192.168.1.100 -p $IPERF_PORT -t $IPERF_SECS >"$W/iperf.txt" 2>&1; wait $sp
cap_stop
e $NS_SW nft delete table bridge c2loss; e $NS_SW tc qdisc del dev p-srv root

# ---------------------------------------------------------------- parameters and oracle
python3 - "$OUT/params.json" <<EOF
import json, sys
p = {k: v for k, v in {
 "HTTP_BIG_KB": $HTTP_BIG_KB, "HTTP_PAGE_KB": $HTTP_PAGE_KB, "HTTP_KEEPALIVE_N": $HTTP_KEEPALIVE_N,
 "HTTP_POST_FIELDS": $HTTP_POST_FIELDS, "LOSS_PORT": $LOSS_PORT, "LOSS_PERMILLE": $LOSS_PERMILLE,
 "LOSS_C2S_PERMILLE": $LOSS_C2S_PERMILLE, "LOSS_RATE": "$LOSS_RATE", "LOSS_QDELAY": "$LOSS_QDELAY",
 "LOSS_SIZES_KB": "$LOSS_SIZES_KB", "LOSS_UPLOAD_KB": $LOSS_UPLOAD_KB, "LOSS_SNAPLEN": $LOSS_SNAPLEN,
 "DNS_CNAME1": "$DNS_CNAME1", "DNS_CNAME2": "$DNS_CNAME2", "DNS_MX1": "$DNS_MX1", "DNS_MX2": "$DNS_MX2",
 "DNS_NX": "$DNS_NX", "DNS_BIG": "$DNS_BIG", "DNS_BIG_N": $DNS_BIG_N, "DNS_TXT": "$DNS_TXT",
 "DNS_OUTZONE": "$DNS_OUTZONE", "TLS_EXPIRED_NAME": "$TLS_EXPIRED_NAME", "TLS_OLD_NAME": "$TLS_OLD_NAME",
 "FAIL_CLOSED_PORT": $FAIL_CLOSED_PORT, "FAIL_DROP_PORT": $FAIL_DROP_PORT, "FAIL_ABORT_PORT": $FAIL_ABORT_PORT,
 "FAIL_IDLE_PORT": $FAIL_IDLE_PORT, "FAIL_ABORT_S": "$FAIL_ABORT_S", "FAIL_IDLE_S": $FAIL_IDLE_S,
 "ZW_PORT": $ZW_PORT, "ZW_RCVBUF": $ZW_RCVBUF, "ZW_TOTAL_KB": $ZW_TOTAL_KB, "ZW_PAUSE1": "$ZW_PAUSE1",
 "ZW_PAUSE2": "$ZW_PAUSE2", "ICMP_PING_N": $ICMP_PING_N, "ICMP_BIG": $ICMP_BIG, "ICMP_UDP_PORT": $ICMP_UDP_PORT,
 "V6_PORT": $V6_PORT, "V6_FILE_KB": $V6_FILE_KB, "IPERF_PORT": $IPERF_PORT, "IPERF_SECS": $IPERF_SECS,
 "IPERF_RATE": "$IPERF_RATE", "IPERF_QDELAY": "$IPERF_QDELAY", "IPERF_LOSS_PERMILLE": $IPERF_LOSS_PERMILLE,
 "IPERF_SNAPLEN": $IPERF_SNAPLEN, "MIX_SYSLOG_MSG": "$MIX_SYSLOG_MSG"}.items()}
json.dump(p, open(sys.argv[1], "w"), indent=1)
EOF
cp "$W/loss-counters.txt" "$OUT/http-loss.nft-counters.txt" 2>/dev/null; cp "$W/iperf.txt" "$OUT/iperf-loss.iperf3.txt" 2>/dev/null
cp "$HERE/README.md" "$OUT/README.md" 2>/dev/null
ls -la "$OUT"
if [ $ORACLE = 1 ]; then
  for c in "$OUT"/*.pcap "$OUT"/*.pcapng; do
    echo "== oracle $(basename "$c")"; "$ORACLE_SH" "$c" --jobs 2 >"$W/oracle.log" 2>&1 || { echo "oracle failed for $c"; tail -5 "$W/oracle.log"; }
  done
fi
rm -rf "$W"
