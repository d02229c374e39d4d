#!/usr/bin/env bash
# The header analyzer on the inputs of issue 21 (junked Exchange Online headers, a signed 10 MB
# message, 10,000 Received lines, a 1 MB header), DNS from an in-JVM server. Prints figures.
# Usage: bench/header-analysis.sh [rounds]
source "$(dirname "$0")/bench-classes.sh"
exec java -Xmx512m -cp "$BENCH_CLASSPATH" \
  dev.mailflow.bench.HeaderAnalysisBenchmark "${1:-20}"
