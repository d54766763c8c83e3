#!/usr/bin/env bash
# Search figures for docs/benchmarks.md, on loopback only, H2: a server with the demo data plus incidents declared
# by wrk (bench/declare.lua) for BENCH_SEED (10s), then, once the index has caught up:
#   - wrk -t2 -c16 -d30s --latency: GET /actuator/health (baseline) and GET /api/v1/search (bench/search.lua:
#     free text, a phrase, a prefix, a typo, filters; every answer with facets and highlighted snippets);
#   - GET /api/v1/search/similar for one declared-like text (same wrk settings);
#   - freshness: BENCH_FRESHNESS (30) incidents declared one at a time, each searched for until found
#     (bench/freshness.py: milliseconds from the declaration's answer to the first search that finds it);
#   - a full rebuild of the index (POST /api/v1/search/rebuild, polled until done).
# Environment: JAVA_HOME (else Temurin 25), BENCH_DURATION (30s), BENCH_THREADS (2), BENCH_CONNECTIONS (16),
# BENCH_SEED (10s).
# At scale: BENCH_POSTMORTEMS=100000 [BENCH_INCIDENTS=100000] writes a generated history first (./kintsugi generate,
# no demo data, no seeding), waits for the index's start-up rebuild (timed: the rebuild figure), then measures;
# BENCH_DB_URL/BENCH_DB_USER/BENCH_DB_PASSWORD put it on PostgreSQL (an empty database you own) instead of H2.
# Latency figures want low concurrency: BENCH_THREADS=1 BENCH_CONNECTIONS=2.
# BENCH_GENERATE=false (with BENCH_POSTMORTEMS and BENCH_DB_URL) measures a database generated before, as is;
# BENCH_JAR runs another jar than server/target/kintsugi-server.jar (a copy, while the build goes on);
# BENCH_JAVA_OPTS adds server JVM options (e.g. -XX:StartFlightRecording=... to profile a run).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-30s}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
SEED=${BENCH_SEED:-10s}
. bench/lib.sh
bench_init search

DB_URL=${BENCH_DB_URL:-jdbc:h2:file:$WORK/h2/kintsugi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}
DB_USER=${BENCH_DB_USER:-sa}; DB_PASSWORD=${BENCH_DB_PASSWORD:-}
[ -n "${BENCH_DB_URL:-}" ] || DB_USER=sa
DEMO=true
if [ -n "${BENCH_POSTMORTEMS:-}" ]; then
    DEMO=false
fi
if [ -n "${BENCH_POSTMORTEMS:-}" ] && [ "${BENCH_GENERATE:-true}" != false ]; then
    echo "-- generating ${BENCH_INCIDENTS:-$BENCH_POSTMORTEMS} incidents, $BENCH_POSTMORTEMS post-mortems"
    KINTSUGI_ADMIN_PASSWORD="bench-admin-password" "$JAVA" -Dloader.main=dev.kintsugi.search.generator.HistoryGenerator \
        -cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher --db-url "$DB_URL" --db-user "$DB_USER" \
        --db-password "$DB_PASSWORD" --incidents "${BENCH_INCIDENTS:-$BENCH_POSTMORTEMS}" \
        --postmortems "$BENCH_POSTMORTEMS" 2>&1 | grep -v ' INFO '
fi
start_server search "$DB_URL" "$DB_USER" "$DB_PASSWORD" --kintsugi.demo=$DEMO \
    --kintsugi.search.index-dir="$WORK/index"
auth=(-H "Authorization: Bearer $TOKEN")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
machine
count() { curl -fsS "${auth[@]}" "$BASE/api/v1/search?$1&size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
if [ "$DEMO" = true ]; then
    echo "-- seeding: wrk declare.lua for $SEED"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$SEED" -s bench/declare.lua "$BASE/api/v1/incidents" -- "$TOKEN" | grep -E 'Requests/sec|statuses'
else
    t0=$(date +%s.%N)
    for _ in $(seq 1 36000); do
        curl -fsS "${auth[@]}" "$BASE/api/v1/search/rebuild" | grep -q '"running":false' && break
        sleep 0.5
    done
    echo "-- start-up rebuild: $(curl -fsS "${auth[@]}" "$BASE/api/v1/search/rebuild") in $(since "$t0") s (from readiness)"
fi
incidents=$(curl -fsS "${auth[@]}" "$BASE/api/v1/incidents?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
for _ in $(seq 1 600); do
    [ "$(count 'type=INCIDENT')" -ge "$incidents" ] && break
    sleep 0.5
done
documents=$(count '')
echo "-- index: $documents documents ($incidents incidents)"

warm_run health "$BASE/actuator/health"
warm_run search -s bench/search.lua "$BASE/api/v1/search" -- "$TOKEN"
warm_run similar -H "Authorization: Bearer $TOKEN" \
    "$BASE/api/v1/search/similar?title=checkout%20latency%20above%20SLO%20again&description=payments%20slow&limit=5"

echo "-- freshness: incidents declared one at a time, each searched for every 5 ms until found"
freshness=$(python3 bench/freshness.py "$BASE" "$TOKEN" "${BENCH_FRESHNESS:-30}")
echo "$freshness"

t0=$(date +%s.%N)
curl -fsS -X POST "${auth[@]}" "$BASE/api/v1/search/rebuild" >/dev/null
for _ in $(seq 1 6000); do
    curl -fsS "${auth[@]}" "$BASE/api/v1/search/rebuild" | grep -q '"running":false' && break
    sleep 0.1
done
rebuild=$(since "$t0")

echo
echo "== summary ($documents documents)"
for n in health search similar; do
    echo "$n: $(rps $n) req/s, p50 $(pct $n 50%), p99 $(pct $n 99%)"
done
echo "search/health = $(ratio "$(rps search)" "$(rps health)"), similar/health = $(ratio "$(rps similar)" "$(rps health)")"
echo "$freshness"
echo "full rebuild of $documents documents: $rebuild s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
