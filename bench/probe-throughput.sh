#!/usr/bin/env bash
# Runs many probes through the real engine against in-JVM DNS and SMTP servers on loopback and prints
# throughput, run durations and heap per kept run. Usage: bench/probe-throughput.sh [runs]
source "$(dirname "$0")/bench-classes.sh"
exec java -Xmx1g -cp "$BENCH_CLASSPATH" \
  dev.mailflow.bench.ProbeBenchmark "${1:-2000}"
