#!/usr/bin/env bash
# Status page figures for docs/benchmarks.md, on loopback only: a fresh H2 file database with the demo data,
# every demo service made a public component and one incident published, then
#   wrk -t2 -c16 -d30s --latency GET /actuator/health (baseline) and GET /status (English, UTC; the cached page),
# and GET /status with If-None-Match (304), in the same run. Prints the load average before and after.
# Environment: JAVA_HOME (else Temurin 25, else `java`), BENCH_JAR, BENCH_DURATION (30s), BENCH_THREADS (2),
# BENCH_CONNECTIONS (16); BENCH_DB_URL/BENCH_DB_USER/BENCH_DB_PASSWORD put it on PostgreSQL (an empty database you
# own) instead of H2.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-30s}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
. bench/lib.sh
bench_init status
DB_URL=${BENCH_DB_URL:-jdbc:h2:file:$WORK/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}
DB_USER=${BENCH_DB_USER:-sa}; DB_PASSWORD=${BENCH_DB_PASSWORD:-}
[ -n "${BENCH_DB_URL:-}" ] || { DB_USER=sa; DB_PASSWORD=""; }
start_server status "$DB_URL" "$DB_USER" "$DB_PASSWORD" --kintsugi.demo=true
auth=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")

# every demo service on the page, in two groups; one open incident published
i=0
for s in $(curl -fsS "${auth[@]}" "$BASE/api/v1/services" | python3 -c 'import json,sys; print(" ".join(x["name"] for x in json.load(sys.stdin)))'); do
    group=$([ $((i % 2)) = 0 ] && echo "Shop" || echo "Platform")
    curl -fsS -o /dev/null "${auth[@]}" -X PUT "$BASE/api/v1/status-page/components/$s" \
        -d "{\"name\":\"$s\",\"group\":\"$group\",\"position\":$i}"
    i=$((i + 1))
done
KEY=$(curl -fsS "${auth[@]}" "$BASE/api/v1/incidents?open=true&size=50" | python3 -c 'import json,sys; print([i["key"] for i in json.load(sys.stdin)["items"] if not i.get("privateIncident")][0])')
curl -fsS -o /dev/null "${auth[@]}" -X POST "$BASE/api/v1/status-page/incidents/$KEY/updates" \
    -d '{"status":"INVESTIGATING","title":"Checkout errors","templated":true}'
SIZE=$(curl -fsS "$BASE/status" | wc -c)
ETAG=$(curl -fsSI "$BASE/status" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
echo "== $i components, /status is $SIZE bytes, ETag $ETAG"

wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$BASE/status" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$BASE/actuator/health" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "-- GET /actuator/health";  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE/actuator/health"
echo "-- GET /status";           wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE/status"
echo "-- GET /status (If-None-Match: 304)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "If-None-Match: $ETAG" "$BASE/status"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
