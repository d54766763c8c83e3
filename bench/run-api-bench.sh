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
JAR=server/target/kintsugi-server.jar
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"
elif [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; JAVA="$JAVA_HOME/bin/java"
else JAVA=java; fi

if [ ! -f "$JAR" ]; then ./mvnw -B -q -DskipTests package; fi
if ! command -v wrk >/dev/null; then apt-get install -y wrk >/dev/null; fi

WORK=$(mktemp -d /tmp/kintsugi-bench.XXXXXX)
TOKEN="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
PID=""

stop_server() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill "$PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$PID" 2>/dev/null || true
    fi
    PID=""
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_server LABEL DB_URL DB_USER DB_PASSWORD [extra args...]; sets PID, PORT, STARTUP_S
start_server() {
    local label=$1 url=$2 user=$3 password=$4; shift 4
    PORT=$(free_port)
    local t0; t0=$(date +%s.%N)
    KINTSUGI_ADMIN_TOKEN="$TOKEN" KINTSUGI_ADMIN_PASSWORD="bench-admin-password" \
    KINTSUGI_DB_URL="$url" KINTSUGI_DB_USER="$user" KINTSUGI_DB_PASSWORD="$password" \
        "$JAVA" -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" \
        --logging.level.root=WARN "$@" >"$WORK/$label.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 1800); do
        if curl -fsS "http://127.0.0.1:$PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
            STARTUP_S=$(echo "$(date +%s.%N) - $t0" | bc -l | xargs printf '%.1f')
            echo "== $label: healthy after ${STARTUP_S} s (port $PORT)"
            return 0
        fi
        kill -0 "$PID" 2>/dev/null || { echo "server exited; log:"; tail -40 "$WORK/$label.log"; exit 1; }
        sleep 0.1
    done
    echo "not healthy after 180 s; log:"; tail -40 "$WORK/$label.log"; exit 1
}

# wrk_run NAME [wrk args...] -> prints wrk output, records req/s and p99 in $WORK/NAME.rps / .p99
wrk_run() {
    local name=$1; shift
    echo "-- wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $*"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | tee "$WORK/$name.wrk"
    awk '/^Requests\/sec:/ {print $2}' "$WORK/$name.wrk" >"$WORK/$name.rps"
    awk '$1 == "99%" {print $2}' "$WORK/$name.wrk" >"$WORK/$name.p99"
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
    h=$(cat "$WORK/$label-health.rps"); d=$(cat "$WORK/$label-declare.rps")
    SUMMARY+=("$label: health $h req/s (p99 $(cat "$WORK/$label-health.p99")), declare $d req/s (p99 $(cat "$WORK/$label-declare.p99")), declare/health = $(echo "$d / $h" | bc -l | xargs printf '%.3f')")
}

SUMMARY=()
echo "machine: $(nproc) cores, $(uname -r), $("$JAVA" -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1)"

start_server h2-demo "jdbc:h2:file:$WORK/h2-demo/kintsugi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" sa "" --kintsugi.demo=true
SUMMARY+=("cold start, H2, demo data seeded: $STARTUP_S s")
curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/incidents?size=1" | grep -o '"total[A-Za-z]*":[0-9]*' | sed 's/^/   demo incidents: /' || true
stop_server

start_server h2 "jdbc:h2:file:$WORK/h2/kintsugi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" sa ""
SUMMARY+=("cold start, H2, empty: $STARTUP_S s")
bench_api h2
stop_server

if [ -n "${BENCH_PG_URL:-}" ]; then
    if [ "${BENCH_PG_RECREATE:-false}" = true ]; then
        db=${BENCH_PG_URL##*/}; db=${db%%\?*}
        su postgres -c "dropdb --if-exists $db && createdb -O ${BENCH_PG_USER:-kintsugi} $db"
    fi
    start_server pg "$BENCH_PG_URL" "${BENCH_PG_USER:-kintsugi}" "${BENCH_PG_PASSWORD:-kintsugi}"
    SUMMARY+=("cold start, PostgreSQL, empty: $STARTUP_S s")
    bench_api pg
    stop_server
fi

echo
echo "== summary"
printf '%s\n' "${SUMMARY[@]}"
