#!/usr/bin/env bash
# Start time and memory of mailflow, plain jar against the JDK 25 AOT cache, in one run: the built
# jar extracted as the Dockerfile extracts it, the Dockerfile's training run (its JVM options and
# arguments read from the Dockerfile), then each way started RUNS times with the image's memory
# defaults under a container limit of MEMORY (-XX:MaxRAM): time to readiness, Spring's own "Started
# in", RSS idle (5 s after ready) and after load (wrk on /probe against smtp-sink for 10 s).
# Needs a JDK 25, curl, wrk and smtp-sink (postfix); without wrk or smtp-sink the load step is skipped.
# Usage: bench/startup.sh [RUNS, default 2]   (MEMORY=512m bench/startup.sh for another limit)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
RUNS=${1:-2}
MEMORY=${MEMORY:-1g}
PORT=8098
SINK=127.0.0.1:2527
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
java -Djarmode=tools -jar "$JAR" extract --destination "$work/app" >/dev/null
APP="$work/app/$(basename "$JAR")"
read -r -a OPTS <<<"$(grep -oP 'ENV JAVA_TOOL_OPTIONS="\K[^"]+' Dockerfile)"
read -r -a TRAINING_ARGS <<<"$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' Dockerfile \
  | grep -oP 'RUN java -XX:AOTCacheOutput=\S+ .*?-jar /app/app.jar\K.*?(?=&&)' | sed "s#/tmp/training#$work/training#")"

echo "== mailflow start-up and memory: plain jar vs JDK 25 AOT cache"
echo "   $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
echo "   container limit $MEMORY (-XX:MaxRAM), image options: ${OPTS[*]}"

t0=$(date +%s.%N)
java "${OPTS[@]}" -XX:AOTCacheOutput="$work/mailflow.aot" -Dspring.context.exit=onRefresh -jar "$APP" \
  "${TRAINING_ARGS[@]}" >"$work/training.log" 2>&1
t1=$(date +%s.%N)
printf "training run: %.1f s, AOT cache %s MiB\n" "$(echo "$t1 - $t0" | bc)" \
  "$(( $(stat -c %s "$work/mailflow.aot") / 1048576 ))"

load=false
if command -v smtp-sink >/dev/null && command -v wrk >/dev/null; then
  sink_user=(); [ "$(id -u)" -eq 0 ] && sink_user=(-u nobody)
  smtp-sink "${sink_user[@]}" -m 1000 -h sink.bench.test "$SINK" 1024 &
  pids+=($!)
  load=true
fi

rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

start() { # kind run
  local kind=$1 run=$2 aot=()
  [ "$kind" = aot ] && aot=(-XX:AOTCache="$work/mailflow.aot")
  rm -rf "$work/data"
  local begin; begin=$(date +%s.%N)
  java -XX:MaxRAM="$MEMORY" "${OPTS[@]}" "${aot[@]}" -jar "$APP" \
    --server.port="$PORT" --server.address=127.0.0.1 --mailflow.history.dir="$work/data" \
    --logging.level.mailflow.audit=WARN \
    --mailflow.targets.allow=127.0.0.0/8 --mailflow.targets.ports="${SINK##*:}" \
    --mailflow.modules.bench.port="${SINK##*:}" --mailflow.modules.bench.tls=NONE \
    --mailflow.modules.bench.quit-after=RCPT --mailflow.modules.bench.posture=false \
    --mailflow.modules.bench.mail-from=helpdesk@contoso.test --mailflow.modules.bench.rcpt-to=postmaster@bench.test \
    --mailflow.exporter.coalesce=0s --mailflow.probe.max-runs=2000 --mailflow.limits.runs-per-token=100000000 \
    --mailflow.security.tokens[0].name=prometheus --mailflow.security.tokens[0].digest="sha256:$DIGEST" \
    --mailflow.security.tokens[0].roles=OPERATOR >"$work/$kind-$run.log" 2>&1 &
  local pid=$!
  pids+=($pid)
  until curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "$kind did not start:"; tail -20 "$work/$kind-$run.log"; exit 1; }
    sleep 0.05
  done
  local ready; ready=$(date +%s.%N)
  local spring; spring=$(grep -oP 'Started MailflowApplication in \K[0-9.]+' "$work/$kind-$run.log" || echo "?")
  sleep 5
  local idle; idle=$(rss "$pid")
  local after="-" probes="-"
  if $load; then
    local url="http://127.0.0.1:$PORT/probe?target=${SINK}&module=bench"
    probes=$(wrk -t2 -c20 -d10s -H "Authorization: Bearer $TOKEN" "$url" | awk '/requests in/ {print $1}')
    sleep 2
    after=$(rss "$pid")
  fi
  printf "%-6s run %d   ready %6.2f s   (Spring: started in %s s)   RSS idle %4s MiB   after load %4s MiB (%s probes)\n" \
    "$kind" "$run" "$(echo "$ready - $begin" | bc)" "$spring" "$idle" "$after" "$probes"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

for run in $(seq 1 "$RUNS"); do
  start plain "$run"
  start aot "$run"
done
