#!/usr/bin/env bash
# A burst of wrong HTTP Basic credentials against a started application while /actuator/health is
# timed, with no bound, the password-check bound alone and the defaults. Prints figures.
# Usage: bench/signin-burst.sh [requests] [clients]
source "$(dirname "$0")/bench-classes.sh"
exec java -Xmx384m -cp "$BENCH_CLASSPATH" \
  dev.mailflow.bench.SignInBurstBenchmark "${1:-300}" "${2:-100}"
