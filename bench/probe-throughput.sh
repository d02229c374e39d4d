#!/usr/bin/env bash
# Runs many probes through the real engine against in-JVM DNS and SMTP servers on loopback and prints
# throughput, run durations and heap per kept run. Usage: bench/probe-throughput.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
exec java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.mailflow.bench.ProbeBenchmark "${1:-2000}"
