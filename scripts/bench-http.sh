#!/usr/bin/env bash
# HTTP benchmark of bantin-server over loopback with wrk, all in one run, against a baseline: an
# empty Javalin 7 route on the same Javalin, Jetty and JVM (io.bantin.server.process.BaselineServer).
# The machine is shared and noisy, so the figures that matter are the ratios to that baseline.
#
# Builds nothing. Expects:
#   server/target/bantin-server.jar      ./mvnw -q -DskipTests package
#   server/target/test-classes           ./mvnw -q -pl server -am test-compile (or any verify)
#   wrk and curl on the PATH
#
# Usage: scripts/bench-http.sh            (BENCH_DURATION=10s BENCH_WARMUP=3s BENCH_CONNECTIONS=64)
#   BENCH_JAVA_OPTS="-Xmx128m"  JVM options for both servers alike (default: none, i.e. plain java -jar,
#                               whose heap may grow to a quarter of the machine's memory)
#   BENCH_KEEP=1                keep the work folder (server logs, raw wrk output)
# Everything binds to 127.0.0.1; the database is a temporary file, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

JAR="$ROOT/server/target/bantin-server.jar"
TEST_CLASSES="$ROOT/server/target/test-classes"
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-3s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:-}"

die() { echo "bench-http: $*" >&2; exit 1; }
[[ -f "$JAR" ]] || die "missing $JAR (run ./mvnw -q -DskipTests package)"
[[ -f "$TEST_CLASSES/io/bantin/server/process/BaselineServer.class" ]] \
  || die "missing BaselineServer in $TEST_CLASSES (run ./mvnw -q -pl server -am test-compile)"
command -v wrk >/dev/null || die "wrk is not installed (Debian: apt-get install wrk)"
command -v curl >/dev/null || die "curl is not installed"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bantin-bench.XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true
  done
  if [[ -n "${BENCH_KEEP:-}" ]]; then echo "bench-http: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

now_ns() { date +%s%N; }

# A port nobody listens on now (the server binds it right after).
free_port() {
  local port tries=0
  while (( tries < 200 )); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"; return 0
    fi
    tries=$(( tries + 1 ))
  done
  die "no free port found"
}

# wait_200 <url> <start_ns> <pid>: polls (bounded, 20 s) until the URL answers 200; prints ms since start.
wait_200() {
  local url=$1 start=$2 pid=$3 deadline=$(( $(now_ns) + 20000000000 ))
  while (( $(now_ns) < deadline )); do
    kill -0 "$pid" 2>/dev/null || die "server exited before answering $url (log in $WORK)"
    if curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null; then
      echo $(( ( $(now_ns) - start ) / 1000000 )); return 0
    fi
    sleep 0.005
  done
  die "no 200 from $url within 20 s"
}

# kb <pid> <field>: a VmRSS/VmHWM figure of /proc/<pid>/status in kB.
kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# run_wrk <name> <pid> <url> [lua script [script args...]]: warm-up, then the measured run while
# sampling RSS.
declare -A RPS P50 P99 NON2XX ERRORS PEAK_RSS
run_wrk() {
  local name=$1 pid=$2 url=$3; shift 3
  local out="$WORK/wrk-$name.txt" samples="$WORK/rss-$name.txt" script=()
  if (( $# > 0 )); then script=(-s "$1"); shift; fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${script[@]}" "$url" -- "$@" >/dev/null
  : > "$samples"
  ( while kill -0 "$pid" 2>/dev/null; do kb "$pid" VmRSS >> "$samples"; sleep 0.5; done ) &
  local sampler=$!
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${script[@]}" "$url" -- "$@" > "$out"
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  RPS[$name]=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  P50[$name]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  P99[$name]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  NON2XX[$name]=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out"); NON2XX[$name]=${NON2XX[$name]:-0}
  ERRORS[$name]=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out"); ERRORS[$name]=${ERRORS[$name]:-0}
  PEAK_RSS[$name]=$(sort -n "$samples" | tail -1)
  echo "  $name: ${RPS[$name]} req/s, p50 ${P50[$name]} ms, p99 ${P99[$name]} ms, non-2xx ${NON2XX[$name]}, socket errors ${ERRORS[$name]}" >&2
}

# to_ms <wrk latency such as 812.00us, 1.52ms, 1.01s>: milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
    printf "%.2f", n }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
check() { awk -v ok="$1" 'BEGIN { print (ok ? "met" : "**missed**") }'; }

echo "bench-http: $(nproc) cores, $(java -version 2>&1 | head -1), JVM options '${BENCH_JAVA_OPTS:-}', wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP)" >&2

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- baseline: empty Javalin route --------------------------------------------------------------
BASE_PORT=$(free_port)
start=$(now_ns)
java "${JAVA_OPTS[@]}" -cp "$JAR:$TEST_CLASSES" io.bantin.server.process.BaselineServer "$BASE_PORT" > "$WORK/baseline.log" 2>&1 &
BASE_PID=$!; PIDS+=("$BASE_PID")
BASE_STARTUP=$(wait_200 "http://127.0.0.1:$BASE_PORT/ping" "$start" "$BASE_PID")
run_wrk baseline "$BASE_PID" "http://127.0.0.1:$BASE_PORT/ping"
kill "$BASE_PID"; wait "$BASE_PID" 2>/dev/null || true

# --- bantin-server: fresh database with the demo articles, then restarted on it ------------------
run_bantin() { # run_bantin <port>: starts the jar in the background; sets BANTIN_PID
  BANTIN_HOST=127.0.0.1 BANTIN_PORT=$1 BANTIN_DB="$WORK/bantin.db" BANTIN_ADMIN_PASSWORD=bench-only-password \
    java "${JAVA_OPTS[@]}" -jar "$JAR" --demo >> "$WORK/bantin.log" 2>&1 &
  BANTIN_PID=$!; PIDS+=("$BANTIN_PID")
}
PORT=$(free_port); start=$(now_ns); run_bantin "$PORT"
STARTUP_FRESH=$(wait_200 "http://127.0.0.1:$PORT/health" "$start" "$BANTIN_PID")
kill "$BANTIN_PID"; wait "$BANTIN_PID" 2>/dev/null || true
PORT=$(free_port); start=$(now_ns); run_bantin "$PORT"
STARTUP=$(wait_200 "http://127.0.0.1:$PORT/health" "$start" "$BANTIN_PID")
BASE="http://127.0.0.1:$PORT"

SLUG=$(curl -fsS "$BASE/api/articles?page=1&size=1" | sed -n 's/.*"slug":"\([^"]*\)".*/\1/p')
[[ -n "$SLUG" ]] || die "no demo article found at $BASE/api/articles"
curl -fsS -o /dev/null "$BASE/articles/$SLUG" || die "GET /articles/$SLUG failed"

curl -fsS -o /dev/null "$BASE/robots.txt" || die "GET /robots.txt failed"
# A trivial bantin route: the cost of bantin's own per-request pipeline (headers, metrics, logging)
# without counting or rendering, to tell framework overhead from the work of each route.
run_wrk robots "$BANTIN_PID" "$BASE/robots.txt"
run_wrk hits "$BANTIN_PID" "$BASE/api/hits" scripts/bench-hits.lua "$SLUG"
run_wrk article "$BANTIN_PID" "$BASE/articles/$SLUG" scripts/bench-article.lua "$SLUG"
HWM_KB=$(kb "$BANTIN_PID" VmHWM)
STATS=$(curl -fsS "$BASE/api/stats")
kill "$BANTIN_PID"; wait "$BANTIN_PID" 2>/dev/null || true

# --- baseline again: the machine is shared; a drift between the two baseline runs shows noise -----
BASE_PORT=$(free_port); start=$(now_ns)
java "${JAVA_OPTS[@]}" -cp "$JAR:$TEST_CLASSES" io.bantin.server.process.BaselineServer "$BASE_PORT" > "$WORK/baseline2.log" 2>&1 &
BASE_PID=$!; PIDS+=("$BASE_PID")
wait_200 "http://127.0.0.1:$BASE_PORT/ping" "$start" "$BASE_PID" > /dev/null
run_wrk baseline2 "$BASE_PID" "http://127.0.0.1:$BASE_PORT/ping"
kill "$BASE_PID"; wait "$BASE_PID" 2>/dev/null || true

BASELINE=$(awk -v a="${RPS[baseline]}" -v b="${RPS[baseline2]}" 'BEGIN { printf "%.0f", (a + b) / 2 }')
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
worst_p99=$(awk -v a="${P99[hits]}" -v b="${P99[article]}" 'BEGIN { print (a > b ? a : b) }')

cat <<EOF

## HTTP benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores shared with wrk, load average before the run: $LOAD_BEFORE)

Command: \`${BENCH_JAVA_OPTS:+BENCH_JAVA_OPTS=\"$BENCH_JAVA_OPTS\" }scripts/bench-http.sh\` — \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency\` after a $WARMUP warm-up, loopback.
Baseline: an empty Javalin 7 route (\`GET /ping\` → \`ok\`), mean of a run before and after bantin: $BASELINE req/s.

| target | req/s | × baseline | p50 ms | p99 ms | non-2xx | socket errors | peak RSS MB |
|---|---:|---:|---:|---:|---:|---:|---:|
| baseline \`GET /ping\` (before) | ${RPS[baseline]} | $(ratio "${RPS[baseline]}" "$BASELINE") | ${P50[baseline]} | ${P99[baseline]} | ${NON2XX[baseline]} | ${ERRORS[baseline]} | $(mb "${PEAK_RSS[baseline]}") |
| \`GET /robots.txt\` (bantin's pipeline, trivial route) | ${RPS[robots]} | $(ratio "${RPS[robots]}" "$BASELINE") | ${P50[robots]} | ${P99[robots]} | ${NON2XX[robots]} | ${ERRORS[robots]} | $(mb "${PEAK_RSS[robots]}") |
| \`POST /api/hits\` | ${RPS[hits]} | $(ratio "${RPS[hits]}" "$BASELINE") | ${P50[hits]} | ${P99[hits]} | ${NON2XX[hits]} | ${ERRORS[hits]} | $(mb "${PEAK_RSS[hits]}") |
| \`GET /articles/{slug}\` | ${RPS[article]} | $(ratio "${RPS[article]}" "$BASELINE") | ${P50[article]} | ${P99[article]} | ${NON2XX[article]} | ${ERRORS[article]} | $(mb "${PEAK_RSS[article]}") |
| baseline \`GET /ping\` (after) | ${RPS[baseline2]} | $(ratio "${RPS[baseline2]}" "$BASELINE") | ${P50[baseline2]} | ${P99[baseline2]} | ${NON2XX[baseline2]} | ${ERRORS[baseline2]} | $(mb "${PEAK_RSS[baseline2]}") |

| goal | measured | |
|---|---:|---|
| hits ≥ 0.8 × baseline req/s | $(ratio "${RPS[hits]}" "$BASELINE") × | $(check "$(awk -v a="${RPS[hits]}" -v b="$BASELINE" 'BEGIN { print (a >= 0.8 * b) }')") |
| article page ≥ 0.5 × baseline req/s | $(ratio "${RPS[article]}" "$BASELINE") × | $(check "$(awk -v a="${RPS[article]}" -v b="$BASELINE" 'BEGIN { print (a >= 0.5 * b) }')") |
| p99 ≤ 10 ms at $CONNECTIONS connections (worst of hits, article) | $worst_p99 ms | $(check "$(awk -v a="$worst_p99" 'BEGIN { print (a <= 10) }')") |
| server RSS ≤ 256 MB under that load (VmHWM, whole run) | $(mb "$HWM_KB") MB | $(check "$(awk -v a="$HWM_KB" 'BEGIN { print (a <= 256 * 1024) }')") |
| startup to first 200 on /health ≤ 1 s (\`java -jar\`, existing DB) | $STARTUP ms | $(check "$(awk -v a="$STARTUP" 'BEGIN { print (a <= 1000) }')") |

Startup to first 200 (process launch to \`/health\` 200, polled with curl every ~5 ms): fresh database
with migrations and the demo seed $STARTUP_FRESH ms; existing database $STARTUP ms; the baseline
Javalin route $BASE_STARTUP ms.
After the run \`/api/stats\`: \`$STATS\`
EOF
