#!/usr/bin/env bash
# Does throughput hold while every request is a new visitor? README's run command (-Xmx96m ...) on a
# fresh database; first a baseline round of the article page and of POST /api/hits with a small pool
# of returning readers, then BENCH_ROUNDS rounds (default 6 x (10 s article + 10 s hits), 2 minutes)
# in which no request's reader was ever seen before, so the visitors in memory
# grow to the cap and beyond (counted as dropped). Prints each round's req/s, its ratio to the
# baseline, the worst ratio per endpoint against the goal of 0.5, the full collections, and the
# server's figures at the end.
#
# Builds nothing. Expects server/target/bantin-server.jar (./mvnw -q -o -pl server -am package
# -DskipTests), optionally bantin-server.jsa next to it, and wrk and curl on the PATH.
#
# Usage: scripts/bench-new-visitors.sh
#   BENCH_ROUND=10s BENCH_ROUNDS=6 BENCH_BASELINE=10s BENCH_WARMUP=15s BENCH_CONNECTIONS=64 BENCH_THREADS=2
#   BENCH_JAVA_OPTS="..."  JVM options (default README's: -Xmx96m -XX:+UseSerialGC -Xss256k
#                          -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m)
#   BENCH_KEEP=1           keep the work folder (server log, GC log, raw wrk output)
# Binds 127.0.0.1 only; the database is a temporary file, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

JAR="$ROOT/server/target/bantin-server.jar"
JSA="$ROOT/server/target/bantin-server.jsa"
ROUND=${BENCH_ROUND:-10s}
ROUNDS=${BENCH_ROUNDS:-6}
BASELINE=${BENCH_BASELINE:-10s}
# Long enough for the JIT: after 3 s the baseline was still cold and the later rounds ran faster.
WARMUP=${BENCH_WARMUP:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:--Xmx96m -XX:+UseSerialGC -Xss256k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m}"
[[ -f "$JSA" ]] && JAVA_OPTS=("-XX:SharedArchiveFile=$JSA" "${JAVA_OPTS[@]}")

die() { echo "bench-new-visitors: $*" >&2; exit 1; }
[[ -f "$JAR" ]] || die "missing $JAR (run ./mvnw -q -o -pl server -am package -DskipTests)"
command -v wrk >/dev/null || die "wrk is not installed (Debian: apt-get install wrk)"
command -v curl >/dev/null || die "curl is not installed"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bantin-new-visitors.XXXXXX")
PID=""
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  if [[ -n "${BENCH_KEEP:-}" ]]; then echo "bench-new-visitors: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

PORT=""
for _ in $(seq 1 200); do
  p=$(( 20000 + RANDOM % 40000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
done
[[ -n "$PORT" ]] || die "no free port found"

# Every reader comes from 127.0.0.1: without the per-address budget, or all but the first 300 new
# readers of each hour would be over-budget page views, and this would measure that cheaper path.
BANTIN_VISITOR_BUDGET=0 BANTIN_HOST=127.0.0.1 BANTIN_PORT=$PORT BANTIN_DB="$WORK/bantin.db" \
  BANTIN_ADMIN_PASSWORD=bench-only-password \
  java "${JAVA_OPTS[@]}" -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" --demo > "$WORK/server.log" 2>&1 &
PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 400); do curl -fs -o /dev/null "$BASE/health" && break; kill -0 "$PID" 2>/dev/null || die "server exited (log: $WORK/server.log)"; sleep 0.05; done
curl -fs -o /dev/null "$BASE/health" || die "server did not answer /health within 20 s"
SLUG=$(curl -fsS "$BASE/api/articles?page=1&size=1" | sed -n 's/.*"slug":"\([^"]*\)".*/\1/p')
[[ -n "$SLUG" ]] || die "no demo article found at $BASE/api/articles"

# run <name> <duration> <wrk args...>: one wrk run; prints "req/s non-2xx+errors".
run() {
  local name=$1 duration=$2; shift 2
  local out="$WORK/wrk-$name.txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency "$@" > "$out"
  local rps bad
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out")
  echo "$rps $bad"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
full_gcs() { grep -c 'Pause Full' "$WORK/gc.log" 2>/dev/null || true; }

echo "bench-new-visitors: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), JVM '${JAVA_OPTS[*]}'," \
     "wrk -t$THREADS -c$CONNECTIONS; warm-up $WARMUP and baseline $BASELINE each, then $ROUNDS x ($ROUND article + $ROUND hits) of new visitors"

# Warm-up and baseline: 1,000 returning readers (the existing scripts with a small pool).
run warmup-article "$WARMUP" -s scripts/bench-article.lua "$BASE/articles/$SLUG" -- "$SLUG" 1000 > /dev/null
run warmup-hits "$WARMUP" -s scripts/bench-hits.lua "$BASE/api/hits" -- "$SLUG" 1000 > /dev/null
read -r BASE_ARTICLE BAD_A <<< "$(run base-article "$BASELINE" -s scripts/bench-article.lua "$BASE/articles/$SLUG" -- "$SLUG" 1000)"
read -r BASE_HITS BAD_H <<< "$(run base-hits "$BASELINE" -s scripts/bench-hits.lua "$BASE/api/hits" -- "$SLUG" 1000)"
echo "baseline (returning readers): article $BASE_ARTICLE req/s, hits $BASE_HITS req/s; non-2xx/errors $BAD_A/$BAD_H;" \
     "full GCs so far $(full_gcs)"

WORST_ARTICLE=""; WORST_HITS=""; BAD=0; SUM_A=0; SUM_H=0
echo "| round | article req/s | ratio | hits req/s | ratio | non-2xx + errors | visitors held | dropped | full GCs |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for (( r = 1; r <= ROUNDS; r++ )); do
  read -r A BA <<< "$(run "new-article-$r" "$ROUND" -s scripts/bench-new-visitors.lua "$BASE/" -- article "$SLUG" $(( 2 * r )))"
  read -r H BH <<< "$(run "new-hits-$r" "$ROUND" -s scripts/bench-new-visitors.lua "$BASE/" -- hits "$SLUG" $(( 2 * r + 1 )))"
  RA=$(ratio "$A" "$BASE_ARTICLE"); RH=$(ratio "$H" "$BASE_HITS")
  BAD=$(( BAD + BA + BH )); SUM_A=$(( SUM_A + A )); SUM_H=$(( SUM_H + H ))
  WORST_ARTICLE=$(awk -v w="$WORST_ARTICLE" -v x="$RA" 'BEGIN { print (w == "" || x < w) ? x : w }')
  WORST_HITS=$(awk -v w="$WORST_HITS" -v x="$RH" 'BEGIN { print (w == "" || x < w) ? x : w }')
  METRICS=$(curl -fsS --max-time 10 "$BASE/metrics" || true)
  HELD=$(awk '/^bantin_counter_tracked_visitors / { printf "%.0f", $2 }' <<< "$METRICS")
  DROPPED=$(awk '/^bantin_counter_dropped_visitors_total / { printf "%.0f", $2 }' <<< "$METRICS")
  echo "| $r | $A | $RA | $H | $RH | $(( BA + BH )) | ${HELD:-?} | ${DROPPED:-?} | $(full_gcs) |"
done

STATS=$(curl -fsS --max-time 10 "$BASE/api/stats" || echo "(no answer)")
CAP=$(curl -fsS --max-time 10 "$BASE/metrics" | awk '/^bantin_counter_max_visitors / { printf "%.0f", $2 }' || true)
verdict() { awk -v x="$1" 'BEGIN { print (x >= 0.5) ? "met" : "**missed**" }'; }
echo
echo "new visitors over $ROUNDS rounds: article mean $(( SUM_A / ROUNDS )) req/s ($(ratio $(( SUM_A / ROUNDS )) "$BASE_ARTICLE")x)," \
     "hits mean $(( SUM_H / ROUNDS )) req/s ($(ratio $(( SUM_H / ROUNDS )) "$BASE_HITS")x)"
echo "worst round: article ${WORST_ARTICLE}x of baseline ($(verdict "$WORST_ARTICLE")), hits ${WORST_HITS}x ($(verdict "$WORST_HITS")); goal >= 0.5"
echo "non-2xx + socket errors during the new-visitor rounds: $BAD; full GCs: $(full_gcs); visitor cap: ${CAP:-?}"
echo "VmHWM $(awk '$1 == "VmHWM:" { printf "%.0f MB", $2 / 1024 }' "/proc/$PID/status"); stats at the end: $STATS"
if grep -q 'OutOfMemoryError' "$WORK/server.log"; then echo "OutOfMemoryError in the server log"; exit 1; fi
