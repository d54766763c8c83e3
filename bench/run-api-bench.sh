#!/usr/bin/env bash
# API figures for docs/benchmarks.md, on loopback only:
#   - cold start to healthy (JVM launch -> /actuator/health/readiness UP), fresh H2 file database,
#     without and with --kintsugi.demo=true (the demo seeds before the app reports ready);
#   - wrk -t2 -c16 -d30s --latency: GET /actuator/health (baseline) and POST /api/v1/incidents
#     (bench/declare.lua), in the same run, on H2 and, when BENCH_PG_URL is set, on PostgreSQL.
# Environment: JAVA_HOME (else Temurin 25, else `java`), BENCH_DURATION (30s), BENCH_THREADS (2),
# BENCH_CONNECTIONS (16); BENCH_PG_URL, BENCH_PG_USER (kintsugi), BENCH_PG_PASSWORD (kintsugi);
# BENCH_PG_RECREATE=true drops and recreates that database first (local Debian PostgreSQL, run as root).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-30s}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
. bench/lib.sh
bench_init api

# start_server, then say how long the cold start took
start_timed() {
    start_server "$@"
    echo "== $1: healthy after ${STARTUP_S} s (port $PORT)"
}

bench_api() {
    local label=$1
    local base="http://127.0.0.1:$PORT"
    # Warm-up (JIT, connection pool), not measured.
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$base/actuator/health" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s bench/declare.lua "$base/api/v1/incidents" -- "$TOKEN" >/dev/null
    wrk_run "$label-health" "$base/actuator/health"
    wrk_run "$label-declare" -s bench/declare.lua "$base/api/v1/incidents" -- "$TOKEN"
    local h d
    h=$(rps "$label-health"); d=$(rps "$label-declare")
    SUMMARY+=("$label: health $h req/s (p99 $(pct "$label-health" 99%)), declare $d req/s (p99 $(pct "$label-declare" 99%)), declare/health = $(ratio "$d" "$h")")
}

SUMMARY=()
machine

start_timed h2-demo "jdbc:h2:file:$WORK/h2-demo/kintsugi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" sa "" --kintsugi.demo=true
SUMMARY+=("cold start, H2, demo data seeded: $STARTUP_S s")
curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/incidents?size=1" | grep -o '"total[A-Za-z]*":[0-9]*' | sed 's/^/   demo incidents: /' || true
stop_server

start_timed h2 "jdbc:h2:file:$WORK/h2/kintsugi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" sa ""
SUMMARY+=("cold start, H2, empty: $STARTUP_S s")
bench_api h2
stop_server

if [ -n "${BENCH_PG_URL:-}" ]; then
    if [ "${BENCH_PG_RECREATE:-false}" = true ]; then
        db=${BENCH_PG_URL##*/}; db=${db%%\?*}
        su postgres -c "dropdb --if-exists $db && createdb -O ${BENCH_PG_USER:-kintsugi} $db"
    fi
    start_timed pg "$BENCH_PG_URL" "${BENCH_PG_USER:-kintsugi}" "${BENCH_PG_PASSWORD:-kintsugi}"
    SUMMARY+=("cold start, PostgreSQL, empty: $STARTUP_S s")
    bench_api pg
    stop_server
fi

echo
echo "== summary"
printf '%s\n' "${SUMMARY[@]}"
