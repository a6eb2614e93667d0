#!/usr/bin/env bash
# The servlet filter's cost on a plain Jetty 12 page, with wrk over loopback, filter on vs off in
# the same run: io.bantin.servlet.FilterOverheadServer runs both servers in one JVM, and the two
# are measured in interleaved rounds (off, on, off, on, ...): each round's "on" is divided by the
# same round's "off", and the medians are printed. Requests come from 10,000 visitors
# (scripts/bench-filter.lua).
#
# Usage: scripts/bench-filter.sh
#   BENCH_DURATION=10s BENCH_WARMUP=15s BENCH_CONNECTIONS=64 BENCH_THREADS=2 BENCH_ROUNDS=5
# Builds the servlet module's test classes (offline) and binds only 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
ROUNDS=${BENCH_ROUNDS:-5}
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
OFFS=(); ONS=(); RATIOS=()
for r in $(seq "$ROUNDS"); do
  o=$(rps "$DURATION" "$OFF"); n=$(rps "$DURATION" "$ON")
  ratio=$(awk -v a="$n" -v b="$o" 'BEGIN {printf "%.3f", a/b}')
  OFFS+=("$o"); ONS+=("$n"); RATIOS+=("$ratio")
  echo "round $r: off $o req/s, on $n req/s, on/off $ratio"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: off $(median "${OFFS[@]}") req/s, on $(median "${ONS[@]}") req/s, on/off per round $(median "${RATIOS[@]}")"
echo "(wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS interleaved rounds)"
