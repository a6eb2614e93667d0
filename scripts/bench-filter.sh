#!/usr/bin/env bash
# The servlet filter's cost on a plain Jetty 12 page, with wrk over loopback, filter on vs off in
# the same run: io.bantin.servlet.FilterOverheadServer runs both servers in one JVM, and the two
# are measured in interleaved rounds (off, on, off, on, ...); the medians and their ratio are
# printed. Requests come from 10,000 visitors (scripts/bench-filter.lua).
#
# Usage: scripts/bench-filter.sh
#   BENCH_DURATION=10s BENCH_WARMUP=5s BENCH_CONNECTIONS=64 BENCH_THREADS=2 BENCH_ROUNDS=3
# Builds the servlet module's test classes (offline) and binds only 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
ROUNDS=${BENCH_ROUNDS:-3}
command -v wrk >/dev/null || { echo "bench-filter: wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }

./mvnw -q -o -pl servlet -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-filter.cp -Dmdep.includeScope=test >/dev/null
CP="servlet/target/test-classes:servlet/target/classes:$(cat servlet/target/bench-filter.cp)"

WORK=$(mktemp -d)
mkfifo "$WORK/in"
java -cp "$CP" io.bantin.servlet.FilterOverheadServer < "$WORK/in" > "$WORK/ports" 2> "$WORK/server.log" &
PID=$!
exec 3> "$WORK/in"
cleanup() { exec 3>&-; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 50); do grep -q "on=" "$WORK/ports" 2>/dev/null && break; sleep 0.2; done
read -r OFF ON < <(sed 's/off=\([0-9]*\) on=\([0-9]*\)/\1 \2/' "$WORK/ports")

rps() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" -s scripts/bench-filter.lua "http://127.0.0.1:$2/" | awk '/Requests\/sec/ {print $2}'; }
rps "$WARMUP" "$OFF" >/dev/null
rps "$WARMUP" "$ON" >/dev/null
OFFS=(); ONS=()
for r in $(seq "$ROUNDS"); do
  o=$(rps "$DURATION" "$OFF"); n=$(rps "$DURATION" "$ON")
  OFFS+=("$o"); ONS+=("$n")
  echo "round $r: off $o req/s, on $n req/s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
MOFF=$(median "${OFFS[@]}"); MON=$(median "${ONS[@]}")
echo "median: off $MOFF req/s, on $MON req/s, on/off $(awk -v a="$MON" -v b="$MOFF" 'BEGIN {printf "%.3f", a/b}')"
echo "(wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS interleaved rounds)"
