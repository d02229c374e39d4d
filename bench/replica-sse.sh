#!/usr/bin/env bash
# Two mailflow instances on one PostgreSQL (started here, like the system tier): the delay of each
# server reply on a client of the other replica (p50/p99), and the stored bytes per run on
# PostgreSQL and on the embedded H2 database. Needs root and Debian's postgresql.
# Usage: bench/replica-sse.sh [runs]
source "$(dirname "$0")/bench-classes.sh"
exec java -Xmx1g -cp "$BENCH_CLASSPATH" \
  dev.mailflow.bench.ReplicaBenchmark "${1:-40}"
