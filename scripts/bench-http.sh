#!/usr/bin/env bash
# HTTP benchmark of bantin-server over loopback with wrk, all in one run, against a baseline: an
# empty Javalin 7 route on the same Javalin, Jetty and JVM (io.bantin.server.process.BaselineServer).
# The machine is shared and noisy, so both servers run side by side and the targets are measured
# in interleaved rounds (baseline, trivial bantin route, hits, article page, then again): each
# round's figures are divided by the same round's baseline, and the medians are reported.
#
# Builds nothing. Expects:
#   server/target/bantin-server.jar      ./mvnw -q -DskipTests package
#   server/target/bantin-server.jsa      (optional) the class-data archive that package writes
#   server/target/test-classes           ./mvnw -q -pl server -am test-compile (or any verify)
#   wrk and curl on the PATH
#
# Usage: scripts/bench-http.sh
#   BENCH_DURATION=10s BENCH_WARMUP=3s BENCH_CONNECTIONS=64 BENCH_THREADS=2 BENCH_ROUNDS=3
#   BENCH_JAVA_OPTS="-Xmx128m"  JVM options for both servers alike (default: none, i.e. plain java -jar,
#                               whose heap may grow to a quarter of the machine's memory)
#   BENCH_STARTS=5              launches per startup figure (measured after the load, medians)
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
ROUNDS=${BENCH_ROUNDS:-3}
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:-}"
TARGETS=(baseline static robots hits article)

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

# to_ms <wrk latency such as 812.00us, 1.52ms, 1.01s>: milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
    printf "%.2f", n }'
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
check() { awk -v ok="$1" 'BEGIN { print (ok ? "met" : "**missed**") }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# wrk_args <target>: the URL and wrk script arguments of a target.
wrk_args() {
  case $1 in
    baseline) echo "http://127.0.0.1:$BASE_PORT/ping" ;;
    static) echo "http://127.0.0.1:$BASE_PORT/bytes?n=$PAGE_BYTES" ;;
    robots) echo "$BASE/robots.txt" ;;
    hits) echo "-s scripts/bench-hits.lua $BASE/api/hits -- $SLUG" ;;
    article) echo "-s scripts/bench-article.lua $BASE/articles/$SLUG -- $SLUG" ;;
  esac
}

# measure <target> <round>: one wrk run; records req/s, p50, p99, non-2xx, socket errors and the
# bantin server's peak VmRSS sampled during the run.
declare -A RPS P50 P99 NON2XX ERRORS PEAK_RSS RATIO
measure() {
  local t=$1 r=$2 out="$WORK/wrk-$1-$2.txt" samples="$WORK/rss-$1-$2.txt" args
  read -r -a args <<< "$(wrk_args "$t")"
  : > "$samples"
  ( while kill -0 "$BANTIN_PID" 2>/dev/null; do kb "$BANTIN_PID" VmRSS >> "$samples"; sleep 0.5; done ) &
  local sampler=$!
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${args[@]}" > "$out"
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  RPS[$t,$r]=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  P50[$t,$r]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  P99[$t,$r]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  NON2XX[$t,$r]=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out"); NON2XX[$t,$r]=${NON2XX[$t,$r]:-0}
  ERRORS[$t,$r]=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out"); ERRORS[$t,$r]=${ERRORS[$t,$r]:-0}
  PEAK_RSS[$t,$r]=$(sort -n "$samples" | tail -1)
  echo "  round $r $t: ${RPS[$t,$r]} req/s, p50 ${P50[$t,$r]} ms, p99 ${P99[$t,$r]} ms, non-2xx ${NON2XX[$t,$r]}, socket errors ${ERRORS[$t,$r]}" >&2
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench-http: $(nproc) cores, load $LOAD_BEFORE, $(java -version 2>&1 | head -1), JVM options '${BENCH_JAVA_OPTS:-}'," \
     "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency x $ROUNDS rounds (warm-up $WARMUP each)" >&2

# --- servers: the baseline, and bantin on a fresh database (demo seed), restarted on it ----------
BASE_PORT=$(free_port); start=$(now_ns)
java "${JAVA_OPTS[@]}" -cp "$JAR:$TEST_CLASSES" io.bantin.server.process.BaselineServer "$BASE_PORT" > "$WORK/baseline.log" 2>&1 &
BASE_PID=$!; PIDS+=("$BASE_PID")
BASE_STARTUP=$(wait_200 "http://127.0.0.1:$BASE_PORT/ping" "$start" "$BASE_PID")

run_bantin() { # run_bantin <port>: starts the jar in the background; sets BANTIN_PID
  # bench-hits.lua's readers all come from 127.0.0.1: no per-address budget, so they count as readers.
  BANTIN_VISITOR_BUDGET=0 BANTIN_HOST=127.0.0.1 BANTIN_PORT=$1 BANTIN_DB="$WORK/bantin.db" BANTIN_ADMIN_PASSWORD=bench-only-password \
    java "${JAVA_OPTS[@]}" -jar "$JAR" --demo >> "$WORK/bantin.log" 2>&1 &
  BANTIN_PID=$!; PIDS+=("$BANTIN_PID")
}
PORT=$(free_port); start=$(now_ns); run_bantin "$PORT"
STARTUP_FRESH=$(wait_200 "http://127.0.0.1:$PORT/" "$start" "$BANTIN_PID")
kill "$BANTIN_PID"; wait "$BANTIN_PID" 2>/dev/null || true
PORT=$(free_port); start=$(now_ns); run_bantin "$PORT"
STARTUP=$(wait_200 "http://127.0.0.1:$PORT/" "$start" "$BANTIN_PID")
BASE="http://127.0.0.1:$PORT"

SLUG=$(curl -fsS "$BASE/api/articles?page=1&size=1" | sed -n 's/.*"slug":"\([^"]*\)".*/\1/p')
[[ -n "$SLUG" ]] || die "no demo article found at $BASE/api/articles"
PAGE_BYTES=$(curl -fsS -o /dev/null -w '%{size_download}' "$BASE/articles/$SLUG") || die "GET /articles/$SLUG failed"
curl -fsS -o /dev/null "$BASE/robots.txt" || die "GET /robots.txt failed"

# --- warm-up, then interleaved rounds --------------------------------------------------------------
for t in "${TARGETS[@]}"; do
  read -r -a args <<< "$(wrk_args "$t")"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${args[@]}" > /dev/null
done
for (( r = 1; r <= ROUNDS; r++ )); do
  for t in "${TARGETS[@]}"; do
    measure "$t" "$r"
  done
  for t in "${TARGETS[@]}"; do
    RATIO[$t,$r]=$(ratio "${RPS[$t,$r]}" "${RPS[baseline,$r]}")
  done
done
HWM_KB=$(kb "$BANTIN_PID" VmHWM)
BASE_HWM_KB=$(kb "$BASE_PID" VmHWM)
STATS=$(curl -fsS "$BASE/api/stats")

# med <array name> <target>: the median over the rounds.
med() { local -n a=$1; local v=(); for (( r = 1; r <= ROUNDS; r++ )); do v+=("${a[$2,$r]}"); done; median "${v[@]}"; }
all() { local -n a=$1; local out=""; for (( r = 1; r <= ROUNDS; r++ )); do out+="${out:+ / }${a[$2,$r]}"; done; echo "$out"; }
sum() { local -n a=$1; local s=0; for (( r = 1; r <= ROUNDS; r++ )); do s=$(( s + ${a[$2,$r]} )); done; echo "$s"; }
peak() { local -n a=$1; local m=0; for (( r = 1; r <= ROUNDS; r++ )); do (( ${a[$2,$r]:-0} > m )) && m=${a[$2,$r]}; done; echo "$m"; }

row() { # row <target> <label>
  echo "| $2 | $(all RPS "$1") | $(med RATIO "$1") | $(med P50 "$1") | $(med P99 "$1") | $(sum NON2XX "$1") | $(sum ERRORS "$1") |"
}
# --- startup, after the load (both servers stopped): STARTS launches each, medians -----------------
STARTS=${BENCH_STARTS:-5}
JSA="$ROOT/server/target/bantin-server.jsa"
kill "$BANTIN_PID" "$BASE_PID" 2>/dev/null || true; wait "$BANTIN_PID" "$BASE_PID" 2>/dev/null || true
startup_runs() { # startup_runs <kind>: prints one startup time per launch
  local i port start pid
  for (( i = 0; i < STARTS; i++ )); do
    port=$(free_port); start=$(now_ns)
    case $1 in
      baseline) java "${JAVA_OPTS[@]}" -cp "$JAR:$TEST_CLASSES" io.bantin.server.process.BaselineServer "$port" >> "$WORK/baseline.log" 2>&1 & ;;
      plain) BANTIN_HOST=127.0.0.1 BANTIN_PORT=$port BANTIN_DB="$WORK/bantin.db" BANTIN_ADMIN_PASSWORD=bench-only-password \
               java "${JAVA_OPTS[@]}" -jar "$JAR" --demo >> "$WORK/bantin.log" 2>&1 & ;;
      cds) BANTIN_HOST=127.0.0.1 BANTIN_PORT=$port BANTIN_DB="$WORK/bantin.db" BANTIN_ADMIN_PASSWORD=bench-only-password \
               java -XX:SharedArchiveFile="$JSA" "${JAVA_OPTS[@]}" -jar "$JAR" --demo >> "$WORK/bantin.log" 2>&1 & ;;
    esac
    pid=$!; PIDS+=("$pid")
    if [[ $1 == baseline ]]; then wait_200 "http://127.0.0.1:$port/ping" "$start" "$pid"; else wait_200 "http://127.0.0.1:$port/" "$start" "$pid"; fi
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
}
read -r -a BASE_STARTS <<< "$(startup_runs baseline | tr '\n' ' ')"
read -r -a PLAIN_STARTS <<< "$(startup_runs plain | tr '\n' ' ')"
BASE_STARTUP=$(median "${BASE_STARTS[@]}"); STARTUP=$(median "${PLAIN_STARTS[@]}")
if [[ -f "$JSA" ]]; then
  read -r -a CDS_STARTS <<< "$(startup_runs cds | tr '\n' ' ')"
  STARTUP_CDS=$(median "${CDS_STARTS[@]}")
else
  CDS_STARTS=(); STARTUP_CDS=""
fi

HITS_RATIO=$(med RATIO hits); ARTICLE_RATIO=$(med RATIO article)
WORST_P99=$(awk -v a="$(med P99 hits)" -v b="$(med P99 article)" 'BEGIN { print (a > b ? a : b) }')
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

cat <<EOF

## HTTP benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores shared with wrk and other work)

Command: \`${BENCH_JAVA_OPTS:+BENCH_JAVA_OPTS=\"$BENCH_JAVA_OPTS\" }scripts/bench-http.sh\` — per target \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency\`,
loopback, $ROUNDS interleaved rounds after a $WARMUP warm-up each; both servers run side by side. Load
average before/after: $LOAD_BEFORE / $LOAD_AFTER. Ratios are to the same round's baseline (an empty
Javalin 7 route, \`GET /ping\` → \`ok\`, same JVM${BENCH_JAVA_OPTS:+ and options}); latencies and ratios are medians over the rounds.

| target | req/s per round | × baseline | p50 ms | p99 ms | non-2xx | socket errors |
|---|---:|---:|---:|---:|---:|---:|
$(row baseline "baseline \`GET /ping\`")
$(row static "baseline: a fixed $PAGE_BYTES-byte HTML body (the article page's size)")
$(row robots "\`GET /robots.txt\` (bantin's pipeline, trivial route)")
$(row hits "\`POST /api/hits\` (varied visitors)")
$(row article "\`GET /articles/{slug}\` (varied visitors, counted)")

| goal | measured | |
|---|---:|---|
| hits ≥ 0.8 × baseline req/s | $HITS_RATIO × | $(check "$(awk -v a="$HITS_RATIO" 'BEGIN { print (a >= 0.8) }')") |
| article page ≥ 0.5 × baseline req/s | $ARTICLE_RATIO × | $(check "$(awk -v a="$ARTICLE_RATIO" 'BEGIN { print (a >= 0.5) }')") |
| p99 ≤ 10 ms at $CONNECTIONS connections (worse of hits, article) | $WORST_P99 ms | $(check "$(awk -v a="$WORST_P99" 'BEGIN { print (a <= 10) }')") |
| server RSS ≤ 256 MB under that load (VmHWM over the run; peak sampled VmRSS $(mb "$(peak PEAK_RSS article)") MB) | $(mb "$HWM_KB") MB | $(check "$(awk -v a="$HWM_KB" 'BEGIN { print (a <= 256 * 1024) }')") |
| startup to the first page (200 on \`/\`) ≤ 1 s (existing DB, median of $STARTS; README's command: these options plus the class-data archive) | ${STARTUP_CDS:-n/a (no $JSA)} ms | $( [[ -n "$STARTUP_CDS" ]] && check "$(awk -v a="$STARTUP_CDS" 'BEGIN { print (a <= 1000) }')" || echo "not measured") |
| the same without the archive (plain \`java -jar\` with these options) | $STARTUP ms | $(check "$(awk -v a="$STARTUP" 'BEGIN { print (a <= 1000) }')") |

The article page against merely sending its $PAGE_BYTES bytes from the baseline: $(med RATIO article) / $(med RATIO static)
= $(ratio "$(med RATIO article)" "$(med RATIO static)") ×.

Startup to first 200 (process launch to a 200 on the home page \`/\`, which needs the counter and the database, polled with curl every ~5 ms), measured after
the load with nothing else of ours running: fresh database with migrations and the demo seed
$STARTUP_FRESH ms (once, before the load); existing database ${PLAIN_STARTS[*]} ms (median $STARTUP);
with the class-data archive ${CDS_STARTS[*]:-n/a} ms (median ${STARTUP_CDS:-n/a}); the baseline's empty
Javalin route ${BASE_STARTS[*]} ms (median $BASE_STARTUP). Baseline VmHWM $(mb "$BASE_HWM_KB") MB.
After the run \`/api/stats\`: \`$STATS\`
EOF
