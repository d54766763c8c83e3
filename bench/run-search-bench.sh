#!/usr/bin/env bash
# Search figures for docs/benchmarks.md, on loopback only, H2: a server with the demo data plus incidents declared
# by wrk (bench/declare.lua) for BENCH_SEED (10s), then, once the index has caught up:
#   - wrk -t2 -c16 -d30s --latency: GET /actuator/health (baseline) and GET /api/v1/search (bench/search.lua:
#     free text, a phrase, a prefix, a typo, filters; every answer with facets and highlighted snippets);
#   - GET /api/v1/search/similar for one declared-like text (same wrk settings);
#   - a full rebuild of the index (POST /api/v1/search/rebuild, polled until done).
# Environment: JAVA_HOME (else Temurin 25), BENCH_DURATION (30s), BENCH_THREADS (2), BENCH_CONNECTIONS (16),
# BENCH_SEED (10s).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-30s}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
SEED=${BENCH_SEED:-10s}
JAR=server/target/kintsugi-server.jar
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"
elif [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; JAVA="$JAVA_HOME/bin/java"
else JAVA=java; fi
if [ ! -f "$JAR" ]; then ./mvnw -B -q -DskipTests package; fi
if ! command -v wrk >/dev/null; then apt-get install -y wrk >/dev/null; fi

WORK=$(mktemp -d /tmp/kintsugi-search-bench.XXXXXX)
TOKEN="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
PID=""
cleanup() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill "$PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
KINTSUGI_ADMIN_TOKEN="$TOKEN" KINTSUGI_ADMIN_PASSWORD="bench-admin-password" \
KINTSUGI_DB_URL="jdbc:h2:file:$WORK/h2/kintsugi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    "$JAVA" -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" --kintsugi.demo=true \
    --kintsugi.search.index-dir="$WORK/index" --logging.level.root=WARN >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 1800); do
    curl -fsS "$BASE/actuator/health/readiness" 2>/dev/null | grep -q '"UP"' && break
    kill -0 "$PID" 2>/dev/null || { tail -40 "$WORK/server.log"; exit 1; }
    sleep 0.1
done
auth=(-H "Authorization: Bearer $TOKEN")
echo "machine: $(nproc) cores, $(uname -r), $("$JAVA" -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1)"
echo "-- seeding: wrk declare.lua for $SEED"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$SEED" -s bench/declare.lua "$BASE/api/v1/incidents" -- "$TOKEN" | grep -E 'Requests/sec|statuses'
count() { curl -fsS "${auth[@]}" "$BASE/api/v1/search?$1&size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
incidents=$(curl -fsS "${auth[@]}" "$BASE/api/v1/incidents?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
for _ in $(seq 1 600); do
    [ "$(count 'type=INCIDENT')" -ge "$incidents" ] && break
    sleep 0.5
done
documents=$(count '')
echo "-- index: $documents documents ($incidents incidents)"

run() {
    local name=$1; shift
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$@" >/dev/null
    echo "-- $name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | tee "$WORK/$name.wrk"
}
run health "$BASE/actuator/health"
run search -s bench/search.lua "$BASE/api/v1/search" -- "$TOKEN"
run similar -H "Authorization: Bearer $TOKEN" \
    "$BASE/api/v1/search/similar?title=checkout%20latency%20above%20SLO%20again&description=payments%20slow&limit=5"

t0=$(date +%s.%N)
curl -fsS -X POST "${auth[@]}" "$BASE/api/v1/search/rebuild" >/dev/null
for _ in $(seq 1 6000); do
    curl -fsS "${auth[@]}" "$BASE/api/v1/search/rebuild" | grep -q '"running":false' && break
    sleep 0.1
done
rebuild=$(echo "$(date +%s.%N) - $t0" | bc -l | xargs printf '%.1f')

rps() { awk '/^Requests\/sec:/ {print $2}' "$WORK/$1.wrk"; }
p() { awk -v q="$2" '$1 == q {print $2}' "$WORK/$1.wrk"; }
echo
echo "== summary ($documents documents)"
for n in health search similar; do
    echo "$n: $(rps $n) req/s, p50 $(p $n 50%), p99 $(p $n 99%)"
done
echo "search/health = $(echo "$(rps search) / $(rps health)" | bc -l | xargs printf '%.3f'), similar/health = $(echo "$(rps similar) / $(rps health)" | bc -l | xargs printf '%.3f')"
echo "full rebuild of $documents documents: $rebuild s"
