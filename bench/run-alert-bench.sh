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
JAR=server/target/kintsugi-server.jar
FIXTURE=server/src/test/resources/fixtures/pagerduty-trigger-api-schema-example.json
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"
elif [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; JAVA="$JAVA_HOME/bin/java"
else JAVA=java; fi
if [ ! -f "$JAR" ]; then ./mvnw -B -q -DskipTests package; fi
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null

WORK=$(mktemp -d /tmp/kintsugi-alert-bench.XXXXXX)
TOKEN="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
PID=""
stop_server() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill "$PID" 2>/dev/null || true
        for _ in $(seq 1 150); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$PID" 2>/dev/null || true
    fi
    PID=""
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_server() { # LABEL URL USER PASSWORD
    local label=$1 url=$2 user=$3 password=$4
    PORT=$(free_port)
    KINTSUGI_ADMIN_TOKEN="$TOKEN" KINTSUGI_ADMIN_PASSWORD="bench-admin-password" \
    KINTSUGI_DB_URL="$url" KINTSUGI_DB_USER="$user" KINTSUGI_DB_PASSWORD="$password" \
    KINTSUGI_ALERTING_SPOOL_DIR="$WORK/$label-spool" KINTSUGI_ALERTING_RATE=1000000 KINTSUGI_ALERTING_BURST=1000000 \
        "$JAVA" -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" --logging.level.root=WARN \
        >"$WORK/$label.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 1800); do
        curl -fsS "http://127.0.0.1:$PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"' && return 0
        kill -0 "$PID" 2>/dev/null || { tail -40 "$WORK/$label.log"; exit 1; }
        sleep 0.1
    done
    echo "not healthy after 180 s"; tail -40 "$WORK/$label.log"; exit 1
}

api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }

wrk_run() { # NAME args...
    local name=$1; shift
    echo "-- wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $*"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | tee "$WORK/$name.wrk"
    awk '/^Requests\/sec:/ {print $2}' "$WORK/$name.wrk" >"$WORK/$name.rps"
    awk '$1 == "99%" {print $2}' "$WORK/$name.wrk" >"$WORK/$name.p99"
}

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
    local warm; warm=$(sed -n 's/.*statuses: 202=\([0-9]*\).*/\1/p' "$WORK/warm.wrk")
    for _ in $(seq 1 600); do [ "$(applied "$id")" -ge "$warm" ] && break; sleep 1; done
    wrk_run "$label-health" "$base/actuator/health"
    wrk_run "$label-alerts" -s bench/alerts.lua "$base/webhooks/pagerduty/v2/enqueue" -- "$key" "$FIXTURE"
    local accepted t0 done_s
    accepted=$(( warm + $(sed -n 's/.*statuses: 202=\([0-9]*\).*/\1/p' "$WORK/$label-alerts.wrk") ))
    t0=$(date +%s.%N)
    for _ in $(seq 1 3600); do [ "$(applied "$id")" -ge "$accepted" ] && break; sleep 0.5; done
    done_s=$(echo "$(date +%s.%N) - $t0" | bc -l | xargs printf '%.1f')
    local h a
    h=$(cat "$WORK/$label-health.rps"); a=$(cat "$WORK/$label-alerts.rps")
    SUMMARY+=("$label: health $h req/s (p99 $(cat "$WORK/$label-health.p99")); alerts $a events/s accepted (p99 $(cat "$WORK/$label-alerts.p99")); alerts/health = $(echo "$a / $h" | bc -l | xargs printf '%.3f'); all $accepted events applied $done_s s after the load ended (applied total: $(applied "$id"))")
}

SUMMARY=()
echo "machine: $(nproc) cores, $(uname -r), $("$JAVA" -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1)"
start_server h2 "jdbc:h2:file:$WORK/h2/kintsugi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" sa ""
bench h2
stop_server
if [ -n "${BENCH_PG_URL:-}" ]; then
    start_server pg "$BENCH_PG_URL" "${BENCH_PG_USER:-kintsugi}" "${BENCH_PG_PASSWORD:-kintsugi}"
    bench pg
    stop_server
fi
echo
echo "== summary"
printf '%s\n' "${SUMMARY[@]}"
