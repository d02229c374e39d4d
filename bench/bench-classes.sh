# Sourced by the bench scripts: JDK 25 (or the JAVA_HOME given), the test classes compiled, and
# BENCH_CLASSPATH (the app's classes, the bench classes under src/test/java/dev/mailflow/bench and
# every test dependency) written once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -ntp -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
BENCH_CLASSPATH="target/classes:target/test-classes:$(cat target/bench.classpath)"
