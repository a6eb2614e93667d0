#!/usr/bin/env bash
# What a hit costs in a cluster: POST /api/hits (scripts/bench-hits.lua, the counting endpoint of
# scripts/bench-http.sh) measured with wrk over loopback against one node on SQLite, one node on
# PostgreSQL, and three nodes on PostgreSQL behind HAProxy (deploy/haproxy.cfg), all running side by
# side in one run on a throwaway PostgreSQL (scripts/lib/cluster.sh, as scripts/cluster-demo.sh).
# Besides hits/s it reports the CPU time per 1,000 hits of PostgreSQL (all its processes, from
# /proc: user + system, including backends that ended), of the nodes and of HAProxy. On a machine
# whose few cores are shared by wrk, HAProxy, the nodes and PostgreSQL, three nodes cannot be faster
# than one: the point is the cost per hit, and the ratios between cases of the same run.
#
# Each measurement runs wrk for BENCH_DURATION, then waits one flush interval and a second more, so
# that the flush of the hits just sent falls inside the CPU window. The cases are measured in
# interleaved rounds after a warm-up each: 5 s runs of wrk until the last three are within 15 % of
# each other (the JVMs have compiled their hot code and met every visitor once; on a loaded machine
# that takes longer), at least BENCH_WARMUP per node and at most 60 s per node; medians over the
# rounds.
#
# Usage: scripts/bench-cluster.sh        (builds the server's jar if missing)
#   BENCH_DURATION=10s BENCH_WARMUP=10s BENCH_THREADS=2 BENCH_CONNECTIONS=32 BENCH_ROUNDS=3
#   BENCH_VISITORS=20000     distinct visitors (User-Agents) among the hits
#   BENCH_FLUSH_INTERVAL=5s  the nodes' BANTIN_FLUSH_INTERVAL (the server's default)
#   CLUSTER_KEEP=1           keep the temporary folder (logs, raw wrk output)
#   CLUSTER_JAVA_OPTS        the nodes' JVM options (default README's flags)
set -euo pipefail
CLUSTER_NAME=bench-cluster
# shellcheck source-path=SCRIPTDIR source=lib/cluster.sh
source "$(dirname "$0")/lib/cluster.sh"
cd "$CLUSTER_ROOT"

DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-10s}
[[ $WARMUP =~ ^[0-9]+s$ ]] || cluster_die "BENCH_WARMUP must be whole seconds such as 10s, was '$WARMUP'"
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
ROUNDS=${BENCH_ROUNDS:-3}
VISITORS=${BENCH_VISITORS:-20000}
FLUSH=${BENCH_FLUSH_INTERVAL:-5s}
[[ $FLUSH =~ ^[0-9]+s$ ]] || cluster_die "BENCH_FLUSH_INTERVAL must be whole seconds such as 5s, was '$FLUSH'"
CASES=(sqlite pg1 pg3)
declare -A LABEL=([sqlite]="one node, SQLite" [pg1]="one node, PostgreSQL" [pg3]="three nodes, PostgreSQL, through HAProxy")

cluster_require haproxy wrk
trap 'cluster_stop $?' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cluster_init
cluster_build_jar
TICK=$(getconf CLK_TCK)

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
cluster_say "$(nproc) cores, load $LOAD_BEFORE; wrk -t$THREADS -c$CONNECTIONS -d$DURATION x $ROUNDS rounds, $VISITORS visitors, flush every $FLUSH"

cluster_start_postgres
cluster_create_database bantin_one
cluster_create_database bantin_three
# wrk's readers all come from 127.0.0.1: no per-address budget, so they count as readers.
CLUSTER_NODE_ENV=(BANTIN_VISITOR_BUDGET=0 "BANTIN_FLUSH_INTERVAL=$FLUSH" BANTIN_ADMIN_PASSWORD=bench-only-password)

declare -A URL PIDS_OF
port=$(cluster_free_port); mkdir -p "$CLUSTER_WORK/sqlite"
cluster_start_node sqlite "$port" "$CLUSTER_WORK/sqlite/bantin.db" --demo; sqlite_pid=$NODE_PID; sqlite_port=$port
port=$(cluster_free_port)
cluster_start_node pg1 "$port" "$PG_URL_BASE/bantin_one" --demo; pg1_pid=$NODE_PID; pg1_port=$port
port=$(cluster_free_port)
cluster_start_node node1 "$port" "$PG_URL_BASE/bantin_three" --demo; c_pids=("$NODE_PID"); c_ports=("$port")
cluster_wait_healthy "http://127.0.0.1:$sqlite_port" "$sqlite_pid"
cluster_wait_healthy "http://127.0.0.1:$pg1_port" "$pg1_pid"
cluster_wait_healthy "http://127.0.0.1:${c_ports[0]}" "${c_pids[0]}"
# The first node of the cluster has migrated its database and seeded it; the others join.
for n in 2 3; do
  port=$(cluster_free_port)
  cluster_start_node "node$n" "$port" "$PG_URL_BASE/bantin_three"; c_pids+=("$NODE_PID"); c_ports+=("$port")
done
cluster_wait_healthy "http://127.0.0.1:${c_ports[1]}" "${c_pids[1]}"
cluster_wait_healthy "http://127.0.0.1:${c_ports[2]}" "${c_pids[2]}"
LB_PORT=$(cluster_free_port)
cluster_start_haproxy "$LB_PORT" "${c_ports[@]}"
cluster_wait_backends_up "http://127.0.0.1:$LB_PORT" "$HAPROXY_PID" 3

URL[sqlite]="http://127.0.0.1:$sqlite_port"; PIDS_OF[sqlite]="$sqlite_pid"
URL[pg1]="http://127.0.0.1:$pg1_port"; PIDS_OF[pg1]="$pg1_pid"
URL[pg3]="http://127.0.0.1:$LB_PORT"; PIDS_OF[pg3]="${c_pids[*]}"

SLUG=$(curl -fsS "${URL[sqlite]}/api/articles?page=1&size=1" | sed -n 's/.*"slug":"\([^"]*\)".*/\1/p')
[[ -n "$SLUG" ]] || cluster_die "no demo article found at ${URL[sqlite]}/api/articles"
for c in pg1 pg3; do
  curl -fsS -o /dev/null "${URL[$c]}/api/articles/$SLUG" || cluster_die "the article $SLUG is missing at ${URL[$c]}"
done

to_ms() { # to_ms <wrk latency such as 812.00us, 1.52ms, 1.01s>
  awk -v v="$1" 'BEGIN { n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
    printf "%.2f", n }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
per_k() { # per_k <ticks> <hits>: CPU milliseconds per 1,000 hits
  awk -v t="$1" -v h="$2" -v hz="$TICK" 'BEGIN { if (h > 0) printf "%.1f", t * 1000 / hz / (h / 1000); else print "n/a" }'
}
ms() { awk -v t="$1" -v hz="$TICK" 'BEGIN { printf "%.0f", t * 1000 / hz }'; }

# measure <case> <round>: wrk on the case's URL, then one flush interval and a second; CPU of
# PostgreSQL, the case's nodes and HAProxy over the whole window.
declare -A RPS HITS P50 P99 BAD PG_MS PG_K NODE_K LB_K LOADS
measure() {
  local c=$1 r=$2 out="$CLUSTER_WORK/wrk-$1-$2.txt" pg0 node0 lb0 pg1 node1 lb1
  local -a pids
  read -r -a pids <<< "${PIDS_OF[$c]}"
  pg0=$(cluster_pg_cpu_ticks); node0=$(cluster_cpu_ticks "${pids[@]}"); lb0=$(cluster_cpu_ticks "$HAPROXY_PID")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/bench-hits.lua "${URL[$c]}/api/hits" -- "$SLUG" "$VISITORS" > "$out"
  LOADS[$c,$r]=$(cut -d' ' -f1 /proc/loadavg)
  sleep $(( ${FLUSH%s} + 1 ))
  pg1=$(cluster_pg_cpu_ticks); node1=$(cluster_cpu_ticks "${pids[@]}"); lb1=$(cluster_cpu_ticks "$HAPROXY_PID")
  RPS[$c,$r]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  HITS[$c,$r]=$(awk '/ requests in / { print $1 }' "$out")
  P50[$c,$r]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  P99[$c,$r]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  BAD[$c,$r]=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out")
  PG_MS[$c,$r]=$(ms $(( pg1 - pg0 )))
  PG_K[$c,$r]=$(per_k $(( pg1 - pg0 )) "${HITS[$c,$r]}")
  NODE_K[$c,$r]=$(per_k $(( node1 - node0 )) "${HITS[$c,$r]}")
  LB_K[$c,$r]=$(per_k $(( lb1 - lb0 )) "${HITS[$c,$r]}")
  cluster_say "round $r, ${LABEL[$c]}: ${RPS[$c,$r]} hits/s (${HITS[$c,$r]} hits), p50 ${P50[$c,$r]} ms, p99 ${P99[$c,$r]} ms," \
    "failed ${BAD[$c,$r]}; CPU per 1,000 hits: PostgreSQL ${PG_K[$c,$r]} ms (${PG_MS[$c,$r]} ms in all), nodes ${NODE_K[$c,$r]} ms, HAProxy ${LB_K[$c,$r]} ms; load ${LOADS[$c,$r]}"
}

# warm_up <case>: 5 s runs until steady (see the top); records the seconds it took in WARMED.
declare -A WARMED
warm_up() {
  local c=$1 case_pids spent=0 rps trail="" last=()
  read -r -a case_pids <<< "${PIDS_OF[$c]}"
  local least=$(( ${WARMUP%s} * ${#case_pids[@]} )) most=$(( 60 * ${#case_pids[@]} ))
  while (( spent < most )); do
    rps=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s scripts/bench-hits.lua "${URL[$c]}/api/hits" -- "$SLUG" "$VISITORS" \
          | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
    spent=$(( spent + 5 )); trail+="${trail:+ }$rps"
    last=("${last[@]: -2}" "$rps")
    if (( spent >= least && ${#last[@]} == 3 )) \
        && printf '%s\n' "${last[@]}" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { exit !(lo >= 0.85 * hi) }'; then
      break
    fi
  done
  WARMED[$c]=$spent
  cluster_say "warm-up, ${LABEL[$c]}: ${spent} s (hits/s of each 5 s: $trail)"
}
for c in "${CASES[@]}"; do warm_up "$c"; done
sleep $(( ${FLUSH%s} + 1 ))
for (( r = 1; r <= ROUNDS; r++ )); do
  for c in "${CASES[@]}"; do measure "$c" "$r"; done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

med() { local -n a=$1; local v=() r; for (( r = 1; r <= ROUNDS; r++ )); do v+=("${a[$2,$r]}"); done; median "${v[@]}"; }
all() { local -n a=$1; local out="" r; for (( r = 1; r <= ROUNDS; r++ )); do out+="${out:+ / }${a[$2,$r]}"; done; echo "$out"; }
sum() { local -n a=$1; local s=0 r; for (( r = 1; r <= ROUNDS; r++ )); do s=$(( s + ${a[$2,$r]} )); done; echo "$s"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
SQLITE_RPS=$(med RPS sqlite)
row() { # row <case>
  local c=$1 lb="—"
  [[ $c == pg3 ]] && lb=$(med LB_K "$c")
  local pg
  if [[ $c == sqlite ]]; then pg="— (idle: $(med PG_MS "$c") ms in all)"; else pg=$(med PG_K "$c"); fi
  echo "| ${LABEL[$c]} | $(all RPS "$c") | $(ratio "$(med RPS "$c")" "$SQLITE_RPS") | $(med P50 "$c") | $(med P99 "$c") | $(sum BAD "$c") | $pg | $(med NODE_K "$c") | $lb |"
}

cat <<EOF

## Cluster benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores shared by wrk, HAProxy, five JVMs and PostgreSQL $("$CLUSTER_PG_BIN/postgres" --version | awk '{ print $3 }'))

Command: \`scripts/bench-cluster.sh\` — per case \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s scripts/bench-hits.lua\`
on \`POST /api/hits\` ($VISITORS visitors, one article), $ROUNDS interleaved rounds after a warm-up each until steady
($(for c in "${CASES[@]}"; do printf '%s %s s; ' "$c" "${WARMED[$c]}"; done | sed 's/; $//'));
nodes with README's JVM flags, \`BANTIN_FLUSH_INTERVAL=$FLUSH\`, \`BANTIN_VISITOR_BUDGET=0\`; PostgreSQL with
Debian's defaults (fsync and synchronous commit on). CPU per 1,000 hits is user + system time from
/proc over the wrk run and the flush after it, divided by the hits wrk counted; medians over the
rounds. Load average before/after: $LOAD_BEFORE / $LOAD_AFTER (1-minute load at the end of each wrk run:
$(for c in "${CASES[@]}"; do printf '%s %s; ' "$c" "$(all LOADS "$c")"; done | sed 's/; $//')).

| case | hits/s per round | × one node on SQLite | p50 ms | p99 ms | failed | PostgreSQL CPU ms / 1,000 hits | nodes' CPU ms / 1,000 hits | HAProxy CPU ms / 1,000 hits |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
$(row sqlite)
$(row pg1)
$(row pg3)

PostgreSQL's CPU in the SQLite case is what the idle PostgreSQL nodes cost it over the same window.
After the run \`/api/stats\` through HAProxy: \`$(curl -fsS "${URL[pg3]}/api/stats")\`
EOF
