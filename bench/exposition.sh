#!/usr/bin/env bash
# CPU per scrape of writing a scrape's metrics (exporter/Exposition) with the Prometheus client
# library on virtual threads, as /probe does. The first round includes the JIT's warm-up. Prints figures.
# Usage: bench/exposition.sh [scrapes per thread, default 40000]
source "$(dirname "$0")/bench-classes.sh"
exec java -Xmx512m -cp "$BENCH_CLASSPATH" dev.mailflow.exporter.ExpositionBenchmark "${1:-40000}"
