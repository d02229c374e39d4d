#!/usr/bin/env bash
# The header analyzer on the inputs of issue 21 (junked Exchange Online headers, a signed 10 MB
# message, 10,000 Received lines, a 1 MB header), DNS from an in-JVM server. Prints figures.
# Usage: bench/header-analysis.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
exec java -Xmx512m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.mailflow.bench.HeaderAnalysisBenchmark "${1:-20}"
