#!/usr/bin/env bash
# mailflow's /probe against Debian's blackbox_exporter, side by side, on one smtp-sink on loopback:
# the same dialogue (banner, EHLO, MAIL, RCPT, QUIT), wrk at concurrency 1 and 50 against each
# /probe, probes/s, p50, p99 and peak RSS from one run. Then the session time with STARTTLS vs
# without (Postfix, loopback) and the heap of 10,000 concurrent sessions against a silent server.
# Posture rows: a domain target (signed zone on an in-JVM DNS server, MX on the same smtp-sink) with
# a module without posture and one with it, at c=50: what the posture checks cost once their answers
# are kept for their TTL. Every scrape probes (mailflow.exporter.coalesce=0s), as blackbox_exporter does.
# Needs root (Postfix), smtp-sink (postfix), prometheus-blackbox-exporter, wrk, a JDK 25.
# Usage: bench/exporter-vs-blackbox.sh [seconds per wrk run, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
SECONDS_PER_RUN=${1:-15}
SINK=127.0.0.1:2526
BLACKBOX=127.0.0.1:9116
MAILFLOW=127.0.0.1:8099
TOKEN="mft_bench-$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
DIGEST=$(printf %s "$TOKEN" | sha256sum | cut -d' ' -f1)
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

ls target/mailflow-*.jar >/dev/null 2>&1 || ./mvnw -B -ntp -q -DskipTests package
JAR=$(ls target/mailflow-*.jar | grep -v plain | head -1)
source bench/bench-classes.sh

# smtp-sink: answers every command at once; -m raises its connection bound.
smtp_sink_user=(); [ "$(id -u)" -eq 0 ] && smtp_sink_user=(-u nobody)
smtp-sink "${smtp_sink_user[@]}" -m 1000 -h sink.bench.test "$SINK" 1024 &
pids+=($!)

cat > "$work/blackbox.yml" <<YAML
modules:
  smtp_rcpt:
    prober: tcp
    timeout: 5s
    tcp:
      query_response:
        - expect: "^220 "
        # blackbox_exporter ends a line with LF only; smtp-sink (like RFC 5321) wants CRLF.
        - send: "EHLO bench.contoso.test\r"
        - expect: "^250 "
        - send: "MAIL FROM:<helpdesk@contoso.test>\r"
        - expect: "^250"
        - send: "RCPT TO:<postmaster@bench.test>\r"
        - expect: "^250"
        - send: "QUIT\r"
        - expect: "^221"
YAML
prometheus-blackbox-exporter --config.file="$work/blackbox.yml" --web.listen-address="$BLACKBOX" \
  --log.level=warn >"$work/blackbox.log" 2>&1 &
bb_pid=$!
pids+=($bb_pid)

# The DNS of the posture rows: signed bench.test, its trust anchor, a blocklist zone.
java -cp "$BENCH_CLASSPATH" dev.mailflow.bench.BenchDns "$work" >"$work/dns.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/dns.server" ] && break; sleep 0.1; done
DNS_SERVER=$(cat "$work/dns.server")

# Launched as Spring Boot recommends for production (and as the Dockerfile does): extracted, so
# classes load from plain jars rather than through the nested-jar loader.
java -Djarmode=tools -jar "$JAR" extract --destination "$work/app" >/dev/null
java -Xmx512m -jar "$work/app/$(basename "$JAR")" \
  --server.port="${MAILFLOW##*:}" --server.address=127.0.0.1 \
  --spring.main.banner-mode=off --logging.level.root=WARN --logging.level.mailflow.audit=WARN \
  --mailflow.targets.allow=127.0.0.0/8 --mailflow.targets.ports="${SINK##*:}" \
  --mailflow.modules.bench.port="${SINK##*:}" --mailflow.modules.bench.tls=NONE \
  --mailflow.modules.bench.quit-after=RCPT --mailflow.modules.bench.ehlo=bench.contoso.test \
  --mailflow.modules.bench.mail-from=helpdesk@contoso.test --mailflow.modules.bench.rcpt-to=postmaster@bench.test \
  --mailflow.modules.bench.posture=false --mailflow.history.dir="$work/data" \
  --mailflow.modules.bench_mx.port="${SINK##*:}" --mailflow.modules.bench_mx.tls=NONE \
  --mailflow.modules.bench_mx.quit-after=RCPT --mailflow.modules.bench_mx.ehlo=mx.bench.test \
  --mailflow.modules.bench_mx.mail-from=helpdesk@bench.test --mailflow.modules.bench_mx.posture=false \
  --mailflow.modules.bench_posture.port="${SINK##*:}" --mailflow.modules.bench_posture.tls=NONE \
  --mailflow.modules.bench_posture.quit-after=RCPT --mailflow.modules.bench_posture.ehlo=mx.bench.test \
  --mailflow.modules.bench_posture.mail-from=helpdesk@bench.test --mailflow.modules.bench_posture.posture=true \
  --mailflow.dns.servers="$DNS_SERVER" --mailflow.posture.trust-anchors="$work/anchors.txt" \
  --mailflow.posture.dnsbl-zones=bl.bench.test --mailflow.exporter.coalesce=0s \
  --mailflow.limits.runs-per-token=100000000 \
  --mailflow.probe.max-runs=2000 --mailflow.probe.max-sessions=2000 --mailflow.probe.max-sessions-per-address=2000 \
  --mailflow.limits.runs-per-user=100000000 --mailflow.limits.runs-per-domain=100000000 \
  --mailflow.security.tokens[0].name=prometheus --mailflow.security.tokens[0].digest="sha256:$DIGEST" \
  --mailflow.security.tokens[0].roles=OPERATOR >"$work/mailflow.log" 2>&1 &
mf_pid=$!
pids+=($mf_pid)

for _ in $(seq 1 120); do
  curl -fs "http://$MAILFLOW/actuator/health" >/dev/null 2>&1 && curl -fs "http://$BLACKBOX/metrics" >/dev/null 2>&1 && break
  sleep 0.5
done

MF_URL="http://$MAILFLOW/probe?target=${SINK}&module=bench"
BB_URL="http://$BLACKBOX/probe?target=${SINK}&module=smtp_rcpt"
curl -fs -H "Authorization: Bearer $TOKEN" "$MF_URL" | grep -q '^probe_success 1' \
  || { echo "mailflow's probe does not succeed:"; curl -s -H "Authorization: Bearer $TOKEN" "$MF_URL&debug=true"; exit 1; }
curl -fs "$BB_URL" | grep -q '^probe_success 1' \
  || { echo "blackbox_exporter's probe does not succeed:"; curl -s "$BB_URL&debug=true"; exit 1; }

# warm-up (JIT for mailflow; the same for both)
wrk -t2 -c50 -d10s -H "Authorization: Bearer $TOKEN" "$MF_URL" >/dev/null
wrk -t2 -c50 -d10s "$BB_URL" >/dev/null

rss() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
measure() { # name url concurrency header...
  local name=$1 url=$2 c=$3; shift 3
  local threads=$(( c < 2 ? 1 : 2 ))
  local out
  out=$(wrk -t"$threads" -c"$c" -d"${SECONDS_PER_RUN}s" --latency "$@" "$url")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf "%-22s c=%-3s %10s probes/s   p50 %9s   p99 %9s   non-2xx %s\n" "$name" "$c" "$rps" "$p50" "$p99" "${errors:-0}"
}

echo "== /probe, one smtp-sink on loopback, dialogue banner/EHLO/MAIL/RCPT/QUIT, ${SECONDS_PER_RUN} s per run"
echo "   $(nproc) CPUs; $(java -version 2>&1 | head -1); blackbox_exporter $(dpkg-query -W -f='${Version}' prometheus-blackbox-exporter)"
for c in 1 50; do
  measure "blackbox_exporter" "$BB_URL" "$c"
  measure "mailflow (Bearer)" "$MF_URL" "$c" -H "Authorization: Bearer $TOKEN"
done
echo "peak RSS: blackbox_exporter $(rss $bb_pid) MiB, mailflow $(rss $mf_pid) MiB (-Xmx512m)"

echo
echo "== a domain target (MX lookup on the test DNS server), the same dialogue, posture off and on, c=50"
MX_URL="http://$MAILFLOW/probe?target=bench.test&module=bench_mx"
POSTURE_URL="http://$MAILFLOW/probe?target=bench.test&module=bench_posture"
curl -fs -H "Authorization: Bearer $TOKEN" "$POSTURE_URL" | grep -q '^probe_success 1' \
  || { echo "the posture module's probe does not succeed:"; curl -s -H "Authorization: Bearer $TOKEN" "$POSTURE_URL&debug=true"; exit 1; }
wrk -t2 -c50 -d10s -H "Authorization: Bearer $TOKEN" "$POSTURE_URL" >/dev/null
measure "mailflow, no posture" "$MX_URL" 50 -H "Authorization: Bearer $TOKEN"
measure "mailflow, posture" "$POSTURE_URL" 50 -H "Authorization: Bearer $TOKEN"

kill "$mf_pid" "$bb_pid" 2>/dev/null || true

echo
echo "== one session up to RCPT with Postfix on loopback: STARTTLS vs none (TCP_NODELAY, pipelined MAIL+RCPT)"
java -cp "$BENCH_CLASSPATH" dev.mailflow.bench.SessionTimeBenchmark 40

echo
echo "== heap of 10,000 concurrent sessions waiting on a server that never answers (bounds raised)"
# The silent server is another process, so the JVM needs one open file per session, not two.
python3 - "$work/tarpit.port" <<'PY' &
import socket, sys
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(16384)
open(sys.argv[1], "w").write(str(server.getsockname()[1]))
held = []
while True:
    held.append(server.accept()[0])  # accepted, never answered
PY
pids+=($!)
for _ in $(seq 1 50); do [ -s "$work/tarpit.port" ] && break; sleep 0.1; done
ulimit -n "$(ulimit -Hn)"
java -Xmx1g -cp "$BENCH_CLASSPATH" dev.mailflow.bench.SilentSessionsBenchmark 10000 "$(cat "$work/tarpit.port")"
