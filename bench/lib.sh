# Shared by bench/run-*.sh (sourced from the repository's root): the JVM, the jar, wrk, a work directory, a server
# on a free loopback port and its stop. Sets JAVA, JAR (BENCH_JAR, else the packaged server, built when missing),
# WORK, TOKEN (the server's bootstrap admin token) and, per start_server, PID, PORT, BASE and STARTUP_S.
# bench_init NAME: the JVM (JAVA_HOME, else Temurin 25, else `java`), the jar, wrk, a work directory, the traps.
bench_init() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"
    elif [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
        export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; JAVA="$JAVA_HOME/bin/java"
    else JAVA=java; fi
    JAR=${BENCH_JAR:-server/target/kintsugi-server.jar}
    if [ ! -f "$JAR" ]; then ./mvnw -B -q -DskipTests package; fi
    command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
    WORK=$(mktemp -d "/tmp/kintsugi-$1-bench.XXXXXX")
    TOKEN="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    PID=""
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}

stop_server() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill "$PID" 2>/dev/null || true
        for _ in $(seq 1 150); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$PID" 2>/dev/null || true
    fi
    PID=""
}

bench_cleanup() { stop_server; rm -rf "$WORK"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# seconds since $1 (a `date +%s.%N`), to one decimal
since() { echo "$(date +%s.%N) - $1" | bc -l | xargs printf '%.1f'; }

# start_server LABEL DB_URL DB_USER DB_PASSWORD [server args...]: the packaged server on 127.0.0.1 with the bootstrap
# token, its log in $WORK/LABEL.log; extra environment from the caller's exports (e.g. KINTSUGI_ALERTING_*). Waits
# until ready (BENCH_READY_TIMEOUT seconds, 600); exits with the log's tail if the server dies or never gets ready.
start_server() {
    local label=$1 url=$2 user=$3 password=$4; shift 4
    PORT=$(free_port)
    BASE="http://127.0.0.1:$PORT"
    local t0; t0=$(date +%s.%N)
    KINTSUGI_ADMIN_TOKEN="$TOKEN" KINTSUGI_ADMIN_PASSWORD="${BENCH_ADMIN_PASSWORD:-bench-admin-password}" \
    KINTSUGI_DB_URL="$url" KINTSUGI_DB_USER="$user" KINTSUGI_DB_PASSWORD="$password" \
        "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" \
        --logging.level.root=WARN "$@" >"$WORK/$label.log" 2>&1 &
    PID=$!
    local deadline=$(( $(date +%s) + ${BENCH_READY_TIMEOUT:-600} ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        if curl -fsS "$BASE/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
            STARTUP_S=$(since "$t0")
            return 0
        fi
        kill -0 "$PID" 2>/dev/null || { echo "server exited; log:"; tail -40 "$WORK/$label.log"; exit 1; }
        sleep 0.1
    done
    echo "not ready after ${BENCH_READY_TIMEOUT:-600} s; log:"; tail -40 "$WORK/$label.log"; exit 1
}

# wrk_run NAME [wrk args...]: wrk --latency for $DURATION with $THREADS and $CONNECTIONS; prints its output and keeps
# it in $WORK/NAME.wrk (read back with rps NAME and pct NAME 99%). warm_run: the same after a 5 s warm-up (JIT, pools).
wrk_run() {
    local name=$1; shift
    echo "-- $name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $*"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | tee "$WORK/$name.wrk"
}
warm_run() {
    local name=$1; shift
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$@" >/dev/null
    wrk_run "$name" "$@"
}
rps() { awk '/^Requests\/sec:/ {print $2}' "$WORK/$1.wrk"; }
pct() { awk -v q="$2" '$1 == q {print $2}' "$WORK/$1.wrk"; }
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.3f'; }

machine() { echo "machine: $(nproc) cores, $(uname -r), $("$JAVA" -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1)"; }
