#!/usr/bin/env bash
# A burst of wrong HTTP Basic credentials against a started application while /actuator/health is
# timed, with no bound, the password-check bound alone and the defaults. Prints figures.
# Usage: bench/signin-burst.sh [requests] [clients]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
exec java -Xmx384m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.mailflow.bench.SignInBurstBenchmark "${1:-300}" "${2:-100}"
