#!/usr/bin/env bash
# Two mailflow instances on one PostgreSQL (started here, like the system tier): the delay of each
# server reply on a client of the other replica (p50/p99), and the stored bytes per run on
# PostgreSQL and on the embedded H2 database. Needs root and Debian's postgresql.
# Usage: bench/replica-sse.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
exec java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.mailflow.bench.ReplicaBenchmark "${1:-40}"
