#!/usr/bin/env bash
# How long reading and explaining a bounce takes: the golden corpus, a 10 MB message, 10,000 MIME
# parts, messages nested 100 deep. Prints figures (ms, ms per MB).
# Usage: bench/bounce-reading.sh
source "$(dirname "$0")/bench-classes.sh"
exec java -Xmx512m -cp "$BENCH_CLASSPATH" \
  dev.mailflow.bench.BounceReadingBenchmark
