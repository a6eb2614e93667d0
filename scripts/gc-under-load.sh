#!/usr/bin/env bash
# GC behaviour of bantin-server under load: starts the jar with the given JVM options and a GC log,
# warms up, runs wrk on the article page and on POST /api/hits (10 s each, 64 connections), and
# prints req/s, p50 and p99 of both, VmHWM, and the GC pauses (count, full collections, longest).
# Not a timed test; loopback only; the database is a temporary file.
#
# Usage: scripts/gc-under-load.sh "-Xmx96m -XX:+UseSerialGC -Xss256k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m"
# Expects server/target/bantin-server.jar (./mvnw -q -DskipTests package) and wrk on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=server/target/bantin-server.jar
[[ -f $JAR ]] || { echo "missing $JAR" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
read -r -a OPTS <<< "${1:-}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bantin-gc.XXXXXX")
PORT=$(( 20000 + RANDOM % 40000 ))
# The load's readers all come from 127.0.0.1: no per-address budget, so they count as readers.
BANTIN_VISITOR_BUDGET=0 BANTIN_HOST=127.0.0.1 BANTIN_PORT=$PORT BANTIN_DB="$WORK/bantin.db" BANTIN_ADMIN_PASSWORD=gc-bench-only \
  java "${OPTS[@]}" -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" --demo > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
BASE=http://127.0.0.1:$PORT
for _ in $(seq 1 400); do curl -fs -o /dev/null "$BASE/health" && break; sleep 0.05; done
SLUG=$(curl -fsS "$BASE/api/articles?page=1&size=1" | sed -n 's/.*"slug":"\([^"]*\)".*/\1/p')
run() { wrk -t2 -c64 -d"$1" --latency -s "scripts/bench-$2.lua" "$BASE$3" -- "$SLUG" \
  | awk '/^Requests/ { r = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 } END { print r " req/s, p50 " p50 ", p99 " p99 }'; }
run 5s article "/articles/$SLUG" > /dev/null
run 5s hits /api/hits > /dev/null
A=$(run 10s article "/articles/$SLUG")
H=$(run 10s hits /api/hits)
HWM=$(awk '$1 == "VmHWM:" { print int($2 / 1024) }' "/proc/$PID/status")
PAUSES=$(grep -c Pause "$WORK/gc.log" || true)
FULL=$(grep -c "Pause Full" "$WORK/gc.log" || true)
MAX=$(grep Pause "$WORK/gc.log" | awk '{ print $NF }' | sed 's/ms//' | sort -g | tail -1)
echo "options: ${1:-(none)}"
echo "article: $A"
echo "hits:    $H"
echo "VmHWM ${HWM} MB; GC pauses $PAUSES, of which full $FULL (incl. startup), longest ${MAX} ms; load $(cut -d' ' -f1-3 /proc/loadavg)"
