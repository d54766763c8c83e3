#!/usr/bin/env bash
# Alert ingestion figures for docs/benchmarks.md, on loopback only: the packaged server on a fresh H2 file
# database (and PostgreSQL when BENCH_PG_URL is set), then in the same run
#   wrk --latency GET /actuator/health                            (baseline)
#   wrk --latency -s bench/alerts.lua POST /webhooks/pagerduty/v2/enqueue   (the PagerDuty fixture)
# and, after the load, how long the spool takes to be applied to the database (events/s processed).
# Environment: JAVA_HOME, BENCH_DURATION (60s), BENCH_THREADS (2), BENCH_CONNECTIONS (32); BENCH_PG_URL,
# BENCH_PG_USER (kintsugi), BENCH_PG_PASSWORD (kintsugi).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-60s}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
FIXTURE=server/src/test/resources/fixtures/pagerduty-trigger-api-schema-example.json
. bench/lib.sh
bench_init alert

# start_alerting LABEL URL USER PASSWORD: the server with its own spool and no rate limit (the load is the point)
start_alerting() {
    KINTSUGI_ALERTING_SPOOL_DIR="$WORK/$1-spool" KINTSUGI_ALERTING_RATE=1000000 KINTSUGI_ALERTING_BURST=1000000 \
        start_server "$@"
}

api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }

applied() { # sum of repeat counts of the integration's groups
    api "http://127.0.0.1:$PORT/api/v1/alerting/groups?integration=$1&limit=500" \
        | python3 -c 'import json,sys; print(sum(g["repeatCount"] for g in json.load(sys.stdin)))'
}

bench() { # LABEL
    local label=$1 base="http://127.0.0.1:$PORT" suffix
    suffix=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
    api -X POST "$base/api/v1/teams" -d "{\"name\":\"bench-$suffix\",\"displayName\":\"Bench\"}" >/dev/null
    api -X POST "$base/api/v1/services" \
        -d "{\"name\":\"bench-svc-$suffix\",\"displayName\":\"Bench\",\"tier\":\"TIER_3\",\"ownerTeam\":\"bench-$suffix\"}" >/dev/null
    local created key id
    created=$(api -X POST "$base/api/v1/alerting/integrations" \
        -d "{\"name\":\"bench\",\"sourceType\":\"PAGERDUTY\",\"service\":\"bench-svc-$suffix\",\"routing\":\"NOTIFY_ONLY\"}")
    key=$(echo "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
    id=$(echo "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    # warm-up (JIT), not measured; its events are applied before the measured run starts
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$base/actuator/health" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s bench/alerts.lua "$base/webhooks/pagerduty/v2/enqueue" -- "$key" "$FIXTURE" >"$WORK/warm.wrk"
    local warm; warm=$(sed -n 's/.*statuses: 2xx=\([0-9]*\).*/\1/p' "$WORK/warm.wrk")
    for _ in $(seq 1 600); do [ "$(applied "$id")" -ge "$warm" ] && break; sleep 1; done
    wrk_run "$label-health" "$base/actuator/health"
    wrk_run "$label-alerts" -s bench/alerts.lua "$base/webhooks/pagerduty/v2/enqueue" -- "$key" "$FIXTURE"
    local accepted t0 done_s
    accepted=$(( warm + $(sed -n 's/.*statuses: 2xx=\([0-9]*\).*/\1/p' "$WORK/$label-alerts.wrk") ))
    t0=$(date +%s.%N)
    for _ in $(seq 1 3600); do [ "$(applied "$id")" -ge "$accepted" ] && break; sleep 0.5; done
    done_s=$(since "$t0")
    local h a other
    other=$(sed -n 's/.*statuses: 2xx=[0-9]* other=\([0-9]*\).*/\1/p' "$WORK/$label-alerts.wrk")
    h=$(rps "$label-health"); a=$(rps "$label-alerts")
    SUMMARY+=("$label: health $h req/s (p99 $(pct "$label-health" 99%)); alerts $a events/s accepted (p99 $(pct "$label-alerts" 99%); answers other than 2xx or socket errors: $other); alerts/health = $(ratio "$a" "$h"); all $accepted events applied $done_s s after the load ended (applied total: $(applied "$id"))")
}

SUMMARY=()
machine
start_alerting h2 "jdbc:h2:file:$WORK/h2/kintsugi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" sa ""
bench h2
stop_server
if [ -n "${BENCH_PG_URL:-}" ]; then
    start_alerting pg "$BENCH_PG_URL" "${BENCH_PG_USER:-kintsugi}" "${BENCH_PG_PASSWORD:-kintsugi}"
    bench pg
    stop_server
fi
echo
echo "== summary"
printf '%s\n' "${SUMMARY[@]}"
