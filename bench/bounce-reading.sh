#!/usr/bin/env bash
# How long reading and explaining a bounce takes: the golden corpus, a 10 MB message, 10,000 MIME
# parts, messages nested 100 deep. Prints figures (ms, ms per MB).
# Usage: bench/bounce-reading.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
exec java -Xmx512m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.mailflow.bench.BounceReadingBenchmark
