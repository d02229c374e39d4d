#!/usr/bin/env bash
# The bounce explainer on hostile pastes at the 65,536-character cap (folded lines, deep quoting)
# and a plain bounce: median and worst time per text. Prints figures.
# Usage: bench/explainer.sh [rounds]
source "$(dirname "$0")/bench-classes.sh"
exec java -Xss1m -cp "$BENCH_CLASSPATH" \
  dev.mailflow.bench.ExplainerBenchmark "${1:-30}"
