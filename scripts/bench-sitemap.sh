#!/usr/bin/env bash
# What /sitemap.xml costs the server: one request's time, and /health's latency while 16 clients
# fetch the sitemap with wrk. Seeds a fresh SQLite file with published articles of a realistic
# length (scripts/SeedArticles.java) and starts the server jar on it, bound to 127.0.0.1.
#
# Builds nothing. Expects server/target/bantin-server.jar (./mvnw -q -DskipTests package), wrk, curl.
#
# Usage: scripts/bench-sitemap.sh
#   BENCH_JAR=path/to/bantin-server.jar   the jar to measure (default server/target/bantin-server.jar)
#   BENCH_ARTICLES=1000 BENCH_BODY_CHARS=12000   how many articles, and each body's length
#   BENCH_JAVA_OPTS="-Xmx96m"             JVM options for the server (default: none)
#   BENCH_DURATION=20s BENCH_CONNECTIONS=16
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=${BENCH_JAR:-$ROOT/server/target/bantin-server.jar}
ARTICLES=${BENCH_ARTICLES:-1000}
BODY_CHARS=${BENCH_BODY_CHARS:-12000}
DURATION=${BENCH_DURATION:-20s}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:-}"

die() { echo "bench-sitemap: $*" >&2; exit 1; }
[[ -f "$JAR" ]] || die "missing $JAR (run ./mvnw -q -DskipTests package)"
command -v wrk >/dev/null || die "wrk is not installed"
command -v curl >/dev/null || die "curl is not installed"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bantin-sitemap.XXXXXX")
PID=
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

java -cp "$JAR" "$ROOT/scripts/SeedArticles.java" "$WORK/bantin.db" "$ARTICLES" "$BODY_CHARS" >&2
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java "${JAVA_OPTS[@]}" -jar "$JAR" --host 127.0.0.1 --port "$PORT" --db "$WORK/bantin.db" \
  --admin-password bench-password-123 >"$WORK/server.log" 2>&1 &
PID=$!
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 200); do
  curl -fsS -o /dev/null "$URL/health" 2>/dev/null && break
  sleep 0.1
done
curl -fsS -o /dev/null "$URL/health" || die "server did not start: $(tail -5 "$WORK/server.log")"

# One request at a time: 5 to warm up, then the median of 21.
for _ in 1 2 3 4 5; do curl -sS -o /dev/null "$URL/sitemap.xml"; done
single=$(for _ in $(seq 1 21); do curl -sS -o /dev/null -w '%{time_total}\n' "$URL/sitemap.xml"; done \
  | sort -n | sed -n 11p)
urls=$(curl -sS "$URL/sitemap.xml" | grep -o '<loc>' | wc -l)

# 16 clients on the sitemap; meanwhile one client asks /health, one request after another, while wrk runs.
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 30s "$URL/sitemap.xml" >"$WORK/sitemap.wrk" 2>&1 &
WRK=$!
sleep 2
while kill -0 "$WRK" 2>/dev/null; do
  curl -sS -o /dev/null -m 60 -w '%{time_total} %{http_code}\n' "$URL/health" >>"$WORK/health.times" || echo "60 000" >>"$WORK/health.times"
done
wait "$WRK"
hwm=$(awk '/VmHWM/ {print $2 / 1024 " MB"}' "/proc/$PID/status")
errors=$(grep -c 'ERROR\|OutOfMemoryError' "$WORK/server.log" || true)

echo "articles: $ARTICLES x $BODY_CHARS chars; JVM options: ${BENCH_JAVA_OPTS:-none}; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "/sitemap.xml URLs in the answer: $urls"
echo "/sitemap.xml one request (median of 21): ${single}s"
echo "--- wrk -c$CONNECTIONS /sitemap.xml"
grep -E 'requests in|Requests/sec|Latency|Non-2xx|Socket errors' "$WORK/sitemap.wrk"
echo "--- /health, one client, meanwhile: $(wc -l <"$WORK/health.times") requests, not 200: $(awk '$2 != 200' "$WORK/health.times" | wc -l)"
sort -n "$WORK/health.times" | awk '{t[NR]=$1} END {printf "median %.3fs, max %.3fs\n", t[int((NR+1)/2)], t[NR]}'
echo "server VmHWM: $hwm; ERROR or OutOfMemoryError lines in its log: $errors"
