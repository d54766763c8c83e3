#!/usr/bin/env bash
# kintsugi-proxy figures for docs/benchmarks.md, loopback only, bounded (about 2 minutes per mode):
#   - throughput with no toxics, iperf3 with 1 and 8 streams, direct vs `socat -b 262144` vs kintsugi-proxy,
#     all in the same run, interleaved, ROUNDS times;
#   - bench/proxy/ProxyBench.java: added round-trip latency (64-byte messages), accuracy of a 100 ms latency
#     toxic, 1,000 concurrent connections and memory per idle connection, then how close bandwidth, timeout,
#     slow_close and lease ends land to their configured values (ratios against same-run baselines).
# Environment: JAVA_HOME (else Temurin 25), BENCH_SECONDS (5) per iperf3 run, ROUNDS (2),
# PUMPS=default|platform|virtual (default: platform threads up to 512 pumps, then virtual; platform: always
# platform threads; virtual: always virtual threads).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${BENCH_SECONDS:-5}
ROUNDS=${ROUNDS:-2}
PUMPS=${PUMPS:-default}
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"
else export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; JAVA="$JAVA_HOME/bin/java"; fi
JAR=proxy/target/kintsugi-proxy.jar
[ -f "$JAR" ] || ./mvnw -B -q -pl proxy -am -DskipTests package
command -v socat >/dev/null && command -v iperf3 >/dev/null || apt-get install -y socat iperf3 >/dev/null

ADMIN=18474; IPERF=15201; IPERF_PROXY=15202; IPERF_SOCAT=15203; ECHO=15301; ECHO_SOCAT=15303
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

OPTS=(-Xss256k)
case "$PUMPS" in
  virtual) OPTS+=(-Dkintsugi.proxy.virtualPumps=true) ;;
  platform) OPTS+=(-Dkintsugi.proxy.platformPumps=100000) ;;
esac
"$JAVA" "${OPTS[@]}" -jar "$JAR" --port $ADMIN >/tmp/kintsugi-proxy-bench.log 2>&1 & PROXY_PID=$!; PIDS+=($PROXY_PID)
iperf3 -s -p $IPERF >/dev/null 2>&1 & PIDS+=($!)
socat -b 262144 TCP-LISTEN:$IPERF_SOCAT,fork,reuseaddr,bind=127.0.0.1 TCP:127.0.0.1:$IPERF & PIDS+=($!)
socat -b 262144 TCP-LISTEN:$ECHO_SOCAT,fork,reuseaddr,bind=127.0.0.1 TCP:127.0.0.1:$ECHO & PIDS+=($!)
for i in $(seq 50); do curl -sf localhost:$ADMIN/version >/dev/null && break; sleep 0.1; done
curl -sf -XPOST localhost:$ADMIN/proxies \
  -d "{\"name\":\"iperf\",\"listen\":\"127.0.0.1:$IPERF_PROXY\",\"upstream\":\"127.0.0.1:$IPERF\"}" >/dev/null

gbps() { iperf3 -c 127.0.0.1 -p "$1" -P "$2" -t "$SECONDS_PER_RUN" -J \
  | python3 -c 'import json,sys; print("%.2f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/8e9))'; }

echo "### Throughput, no toxics (GB/s, iperf3 -t $SECONDS_PER_RUN, pumps: $PUMPS)"
echo "| round | streams | direct | socat | kintsugi | kintsugi/socat | kintsugi/direct |"
echo "|---|---|---|---|---|---|---|"
for r in $(seq "$ROUNDS"); do
  for p in 1 8; do
    d=$(gbps $IPERF $p); s=$(gbps $IPERF_SOCAT $p); k=$(gbps $IPERF_PROXY $p)
    echo "| $r | $p | $d | $s | $k | $(python3 -c "print('%.2f' % ($k/$s))") | $(python3 -c "print('%.2f' % ($k/$d))") |"
  done
done
echo
"$JAVA" bench/proxy/ProxyBench.java $ADMIN $ECHO $ECHO_SOCAT $PROXY_PID
