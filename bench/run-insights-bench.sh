#!/usr/bin/env bash
# Insights figures for docs/benchmarks.md ("Insights at scale"), on loopback only: the packaged jar on a fresh
# database holding a generated history of BENCH_INCIDENTS incidents (./kintsugi generate, docs/search.md; no demo
# data), the insights read model filled by the server's start-up rebuild (timed), then, once the search index's
# own start-up rebuild is done too (so it does not share the cores with the measurements):
#   - wrk --latency GET /actuator/health (the same-run baseline);
#   - wrk --latency GET /insights as a logged-in admin (bench/insights.lua: the default period, a team filter, a
#     service filter, game-day incidents included, in turn);
#   - one timed POST /api/v1/insights/rebuild.
# Environment: JAVA_HOME (else Temurin 25), BENCH_INCIDENTS (100000), BENCH_POSTMORTEMS (incidents / 5),
# BENCH_DURATION (30s), BENCH_THREADS (1), BENCH_CONNECTIONS (2): latency figures want low concurrency.
# BENCH_DB_URL/BENCH_DB_USER/BENCH_DB_PASSWORD put it on PostgreSQL (an empty database you own) instead of H2.
# BENCH_WAIT_SEARCH=false measures without waiting for the search index's rebuild (it then shares the cores);
# BENCH_GENERATE=false (with BENCH_DB_URL) measures a database generated before, as is (the page is read by an
# admin the script creates through POST /api/v1/users);
# BENCH_REBUILD=false skips the timed API rebuild at the end; BENCH_JAR runs another jar (e.g. a copy of a
# baseline build).
set -euo pipefail
cd "$(dirname "$0")/.."

INCIDENTS=${BENCH_INCIDENTS:-100000}
POSTMORTEMS=${BENCH_POSTMORTEMS:-$((INCIDENTS / 5))}
DURATION=${BENCH_DURATION:-30s}
THREADS=${BENCH_THREADS:-1}
CONNECTIONS=${BENCH_CONNECTIONS:-2}
PASSWORD="bench-admin-password"
. bench/lib.sh
bench_init insights
secs() { since "$1" | xargs printf '%.0f'; }

DB_URL=${BENCH_DB_URL:-jdbc:h2:file:$WORK/h2/kintsugi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}
DB_USER=${BENCH_DB_USER:-sa}; DB_PASSWORD=${BENCH_DB_PASSWORD:-}
DB_KIND=H2; case "$DB_URL" in jdbc:postgresql:*) DB_KIND=PostgreSQL ;; esac
if [ "${BENCH_GENERATE:-true}" != false ]; then
    echo "-- generating $INCIDENTS incidents, $POSTMORTEMS post-mortems ($DB_KIND)"
    t0=$(date +%s.%N)
    KINTSUGI_ADMIN_PASSWORD="$PASSWORD" "$JAVA" -Dloader.main=dev.kintsugi.search.generator.HistoryGenerator \
        -cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher --db-url "$DB_URL" --db-user "$DB_USER" \
        --db-password "$DB_PASSWORD" --incidents "$INCIDENTS" --postmortems "$POSTMORTEMS" 2>&1 | grep -v ' INFO ' || true
    echo "-- generated in $(secs "$t0") s"
else
    echo "-- measuring the history generated before in $DB_KIND ($INCIDENTS incidents expected), as is"
fi

t0=$(date +%s.%N)
start_server insights "$DB_URL" "$DB_USER" "$DB_PASSWORD" \
    --kintsugi.demo=false --kintsugi.search.index-dir="$WORK/index"
auth=(-H "Authorization: Bearer $TOKEN")
machine
incidents=$(curl -fsS "${auth[@]}" "$BASE/api/v1/incidents?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
# The read model holds every incident once the counts over the longest period (game days included) add up.
modelled() {
    curl -fsS "${auth[@]}" "$BASE/api/v1/insights/metrics?from=$(date -u -d '-3650 days' +%F)&to=$(date -u -d '+1 day' +%F)&gameDays=true" \
        | python3 -c 'import json,sys; m=json.load(sys.stdin)["metrics"][0]; print(m["measured"] + m["missing"])'
}
for _ in $(seq 1 72000); do
    [ "$(modelled)" -ge "$incidents" ] && break
    kill -0 "$PID" 2>/dev/null || { tail -40 "$WORK/insights.log"; exit 1; }
    sleep 1
done
startup_rebuild=$(secs "$t0")
echo "-- insights read model: $(modelled) of $incidents incidents, $startup_rebuild s after the server started"
if [ "${BENCH_WAIT_SEARCH:-true}" = true ]; then
    for _ in $(seq 1 72000); do
        curl -fsS "${auth[@]}" "$BASE/api/v1/search/rebuild" | grep -q '"running":false' && break
        sleep 1
    done
    echo "-- search index rebuilt, $(secs "$t0") s after the server started"
else
    echo "-- search index: $(curl -fsS "${auth[@]}" "$BASE/api/v1/search/rebuild") (not waited for)"
fi

# A browser session for the page: the login form with its CSRF token.
USER_NAME=admin
if [ "${BENCH_GENERATE:-true}" = false ]; then
    USER_NAME="bench-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
    curl -fsS -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' -d "{\"username\":\"$USER_NAME\",
        \"displayName\":\"Bench\",\"email\":\"$USER_NAME@example.com\",\"role\":\"ADMIN\",\"password\":\"$PASSWORD\"}" \
        "$BASE/api/v1/users"
fi
JAR_FILE="$WORK/cookies"
csrf=$(curl -fsS -c "$JAR_FILE" "$BASE/login" | sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -1)
curl -fsS -o /dev/null -b "$JAR_FILE" -c "$JAR_FILE" --data-urlencode "username=$USER_NAME" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$csrf" "$BASE/login"
COOKIE=$(awk '$6 ~ /SESSION/ {print $6 "=" $7}' "$JAR_FILE" | head -1)
[ -n "$COOKIE" ] || { echo "login failed"; cat "$JAR_FILE"; exit 1; }
names() { curl -fsS "${auth[@]}" "$BASE/api/v1/$1" | python3 -c '
import json, sys, urllib.parse
d = json.load(sys.stdin); items = d["items"] if isinstance(d, dict) else d
print(urllib.parse.quote(items[0]["name"]))'; }
TEAM=$(names teams); SERVICE=$(names services)
status=$(curl -s -o "$WORK/page.html" -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/insights")
[ "$status" = 200 ] && grep -q 'id="insights-metrics"\|insights' "$WORK/page.html" || { echo "GET /insights: $status"; exit 1; }
echo "-- /insights is $(wc -c <"$WORK/page.html") bytes; team filter '$TEAM', service filter '$SERVICE'"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

warm_run health "$BASE/actuator/health"
warm_run insights -s bench/insights.lua "$BASE/insights" -- "$COOKIE" "$TEAM" "$SERVICE"

rebuild=skipped
if [ "${BENCH_REBUILD:-true}" = true ]; then
    t0=$(date +%s.%N)
    curl -fsS -X POST "${auth[@]}" "$BASE/api/v1/insights/rebuild" >/dev/null
    rebuild="$(secs "$t0") s"
fi

echo
echo "== summary ($incidents incidents, $DB_KIND)"
for n in health insights; do
    echo "$n: $(rps $n) req/s, p50 $(pct $n 50%), p90 $(pct $n 90%), p99 $(pct $n 99%)"
done
echo "insights/health = $(ratio "$(rps insights)" "$(rps health)")"
echo "start-up rebuild of the read model: $startup_rebuild s (from the server's start); API rebuild: $rebuild"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
