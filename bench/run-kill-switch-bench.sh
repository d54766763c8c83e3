#!/usr/bin/env bash
# Kill-switch figure for docs/benchmarks.md: ten runs in progress (each with a latency toxic on its own embedded
# Kintsugi proxy), POST /api/v1/chaos/kill-switch/engage, time to the last toxic gone; baseline: one toxic DELETE.
# BENCH_ITERATIONS (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
./mvnw -B -q -pl server -am test -Dtest=KillSwitchBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dspotless.check.skip=true -Dkintsugi.bench.killswitch="${BENCH_ITERATIONS:-30}"
cat server/target/kill-switch-benchmark.txt
