#!/usr/bin/env bash
# What bantin's servlet filter costs a Spring Boot portal: the Spring Boot example
# (examples/spring-boot) runs twice side by side on one throw-away PostgreSQL, once counting its
# pages with the filter and once with the filter switched off (portal.count-pages=false), and wrk
# loads the same pages of each in alternating rounds (on, off, then off, on, ...). Each round's
# "on" figure is divided by the same round's "off" figure; the medians are reported.
#
# Readers come from a pool of distinct User-Agents: 20,000 (every request nearly a new visitor, so
# the counter's flush writes thousands of active visitors to PostgreSQL each second) and 100 (the
# filter's own cost per request, with little to write).
#
# Builds nothing. Expects:
#   examples/spring-boot/target/bantin-example-spring-boot-*.jar
#                     ./mvnw -q -pl examples/spring-boot -am -DskipTests package
#   PostgreSQL's initdb, pg_ctl and psql (Debian's postgresql; BENCH_PG_BIN names their folder)
#   wrk and curl on the PATH
#
# Usage: scripts/bench-spring-filter.sh   (the warm-up is per target and application: Spring
# applications need a while under load before their figures settle)
#   BENCH_DURATION=10s BENCH_WARMUP=20s BENCH_CONNECTIONS=64 BENCH_THREADS=2 BENCH_ROUNDS=6
#   BENCH_JAVA_OPTS="-Xmx256m"  JVM options for both applications alike
#   BENCH_KEEP=1                keep the work folder (logs, raw wrk output)
# Everything binds to 127.0.0.1. Run as root, PostgreSQL runs as 'nobody' through setpriv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

JAR=$(ls "$ROOT"/examples/spring-boot/target/bantin-example-spring-boot-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)
PG_BIN=${BENCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-20s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
ROUNDS=${BENCH_ROUNDS:-6}
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:--Xmx256m}"
SLUG=ngay-hoi-chuyen-doi-so-tai-xa-vung-cao
# page:readers
TARGETS=(article:20000 about:20000 about:100)

die() { echo "bench-spring-filter: $*" >&2; exit 1; }
[[ -n "$JAR" && -f "$JAR" ]] || die "missing examples/spring-boot/target/bantin-example-spring-boot-*.jar (run ./mvnw -q -pl examples/spring-boot -am -DskipTests package)"
[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || die "no PostgreSQL in '$PG_BIN' (Debian: apt-get install postgresql; or set BENCH_PG_BIN)"
command -v psql >/dev/null || die "psql is not installed"
command -v wrk >/dev/null || die "wrk is not installed (Debian: apt-get install wrk)"
command -v curl >/dev/null || die "curl is not installed"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bantin-bench-spring.XXXXXX")
chmod 755 "$WORK"
PIDS=()
AS=()
if [[ $(id -u) == 0 ]]; then
  # initdb and postgres refuse to run as root.
  AS=(setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups)
fi
PG_DATA="$WORK/pg"
cleanup() {
  for pid in "${PIDS[@]:-}"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]:-}"; do [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true; done
  if [[ -f "$PG_DATA/postmaster.pid" ]]; then "${AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop > /dev/null 2>&1 || true; fi
  if [[ -n "${BENCH_KEEP:-}" ]]; then echo "bench-spring-filter: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() {
  local port tries=0
  while (( tries < 200 )); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    tries=$(( tries + 1 ))
  done
  die "no free port found"
}

# wait_200 <url> <pid>: polls (bounded, 90 s) until the URL answers 200.
wait_200() {
  local url=$1 pid=$2 i
  for (( i = 0; i < 900; i++ )); do
    kill -0 "$pid" 2>/dev/null || die "application exited before answering $url (logs in $WORK; BENCH_KEEP=1 keeps them)"
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  die "no 200 from $url within 90 s"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench-spring-filter: $(nproc) cores, load $LOAD_BEFORE, $(java -version 2>&1 | head -1), JVM options '${JAVA_OPTS[*]}'," \
     "wrk -t$THREADS -c$CONNECTIONS -d$DURATION x $ROUNDS rounds" >&2

# --- a throw-away PostgreSQL on loopback, one database per application ----------------------------
mkdir -p "$PG_DATA"
[[ ${#AS[@]} -gt 0 ]] && chown nobody "$PG_DATA"
"${AS[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --no-locale --no-sync > "$WORK/initdb.log" 2>&1 \
  || die "initdb failed: $(tail -5 "$WORK/initdb.log")"
PG_PORT=$(free_port)
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/postgres.log" -w \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off -c synchronous_commit=off" start > /dev/null \
  || die "PostgreSQL did not start: $(tail -5 "$PG_DATA/postgres.log")"
for db in counted uncounted; do
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE $db" > /dev/null
done

# --- the two applications --------------------------------------------------------------------------
declare -A PORT PID
start_app() { # start_app <name> <count-pages> <database>
  PORT[$1]=$(free_port)
  java "${JAVA_OPTS[@]}" -jar "$JAR" --server.port="${PORT[$1]}" --portal.count-pages="$2" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/$3" --spring.datasource.username=postgres \
    > "$WORK/app-$1.log" 2>&1 &
  PID[$1]=$!; PIDS+=("${PID[$1]}")
}
start_app on true counted
start_app off false uncounted
for app in on off; do wait_200 "http://127.0.0.1:${PORT[$app]}/articles/$SLUG" "${PID[$app]}"; done

page_path() { case ${1%%:*} in article) echo "/articles/$SLUG" ;; about) echo "/gioi-thieu" ;; esac; }
readers() { echo "${1##*:}"; }

declare -A RPS RATIO
run_wrk() { # run_wrk <app> <target> <duration> <out>
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" -s scripts/bench-page.lua "http://127.0.0.1:${PORT[$1]}" -- "$(page_path "$2")" "$(readers "$2")" > "$4"
  awk '/Non-2xx or 3xx responses:/ { bad = $NF } END { if (bad) { print "non-2xx: " bad > "/dev/stderr"; exit 1 } }' "$4" \
    || die "$1 answered errors on $(page_path "$2") (see $4)"
}
for t in "${TARGETS[@]}"; do
  for app in on off; do run_wrk "$app" "$t" "$WARMUP" /dev/null; done
done
for (( r = 1; r <= ROUNDS; r++ )); do
  order=(on off); (( r % 2 == 0 )) && order=(off on)
  for t in "${TARGETS[@]}"; do
    for app in "${order[@]}"; do
      out="$WORK/wrk-${t/:/-}-$app-$r.txt"
      run_wrk "$app" "$t" "$DURATION" "$out"
      RPS[$t,$app,$r]=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    done
    RATIO[$t,$r]=$(ratio "${RPS[$t,on,$r]}" "${RPS[$t,off,$r]}")
    echo "  round $r $t: on ${RPS[$t,on,$r]} req/s, off ${RPS[$t,off,$r]} req/s, ratio ${RATIO[$t,$r]}" >&2
  done
done
STATS=$(curl -fsS "http://127.0.0.1:${PORT[on]}/bantin/api/stats" || echo "(unavailable)")
UNCOUNTED=$(curl -sS -o /dev/null -w "%{http_code}" "http://127.0.0.1:${PORT[off]}/bantin/api/stats" || true)
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

med() { local v=(); for (( r = 1; r <= ROUNDS; r++ )); do v+=("${RPS[$1,$2,$r]}"); done; median "${v[@]}"; }
medr() { local v=(); for (( r = 1; r <= ROUNDS; r++ )); do v+=("${RATIO[$1,$r]}"); done; median "${v[@]}"; }
all() { local out=""; for (( r = 1; r <= ROUNDS; r++ )); do out+="${out:+ / }${RATIO[$1,$r]}"; done; echo "$out"; }
whole() { awk -v v="$1" 'BEGIN { printf "%.0f", v }'; }
row() { echo "| $2 | $(readers "$1") | $(whole "$(med "$1" on)") | $(whole "$(med "$1" off)") | $(medr "$1") | $(all "$1") |"; }

cat <<OUT

## Servlet filter on a Spring Boot page ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores shared with wrk and other work)

Command: \`scripts/bench-spring-filter.sh\` — per page and application \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION\`, readers with
varied User-Agents (scripts/bench-page.lua), $ROUNDS alternating rounds after a $WARMUP warm-up; JVM options \`${JAVA_OPTS[*]}\`.
Load average before/after: $LOAD_BEFORE / $LOAD_AFTER.

| page | readers | filter on, req/s (median) | filter off, req/s (median) | on / off (median) | on / off per round |
|---|---:|---:|---:|---:|---|
$(row article:20000 "\`GET /articles/{slug}\` (one PostgreSQL query, bantin-render in Thymeleaf)")
$(row about:20000 "\`GET /gioi-thieu\` (Thymeleaf and the stats box, no query)")
$(row about:100 "\`GET /gioi-thieu\`")

After the run the counting application's \`/bantin/api/stats\`: \`$STATS\`; the other answers
\`/bantin/api/stats\` with $UNCOUNTED (no filter).
OUT
