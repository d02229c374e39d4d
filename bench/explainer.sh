#!/usr/bin/env bash
# The bounce explainer on hostile pastes at the 65,536-character cap (folded lines, deep quoting)
# and a plain bounce: median and worst time per text. Prints figures.
# Usage: bench/explainer.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
exec java -Xss1m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.mailflow.bench.ExplainerBenchmark "${1:-30}"
