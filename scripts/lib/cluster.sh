# shellcheck shell=bash
# Shared by scripts/cluster-demo.sh and scripts/bench-cluster.sh: a throwaway bantin cluster on one
# Linux machine — a PostgreSQL of its own in a temporary folder, bantin nodes, HAProxy in front —
# everything bound to 127.0.0.1 and everything removed again by cluster_stop.
#
# Source it from a bash script, set CLUSTER_NAME (the prefix of messages), then:
#   cluster_require haproxy      # checks the programs, naming the apt-get command for a missing one
#   cluster_init                 # the temporary folder; trap 'cluster_stop $?' EXIT
#   cluster_build_jar            # builds server/target/bantin-server.jar when missing
#   cluster_start_postgres       # initdb + start on a free port; sets PG_PORT, PG_URL_BASE, PG_USER, PG_PASSWORD
#   cluster_create_database bantin
#   cluster_start_node node1 "$port" "jdbc:postgresql://..." [--demo]   # sets NODE_PID
#   cluster_wait_healthy "http://127.0.0.1:$port" "$NODE_PID"
#   cluster_start_haproxy "$lb_port" "$port1" "$port2" "$port3"         # sets HAPROXY_PID
#
# Settings (environment): CLUSTER_PG_BIN (PostgreSQL's bin folder, default the newest
# /usr/lib/postgresql/*/bin), CLUSTER_JAVA_OPTS (the nodes' JVM options, default README's flags),
# CLUSTER_KEEP=1 (keep the temporary folder: logs, configuration), TMPDIR.

CLUSTER_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CLUSTER_JAR="$CLUSTER_ROOT/server/target/bantin-server.jar"
CLUSTER_JSA="$CLUSTER_ROOT/server/target/bantin-server.jsa"
CLUSTER_HAPROXY_EXAMPLE="$CLUSTER_ROOT/deploy/haproxy.cfg"
# README's flags: each node stays under 256 MB, so three fit next to PostgreSQL on a small machine.
CLUSTER_DEFAULT_JAVA_OPTS="-Xmx96m -XX:+UseSerialGC -Xss256k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m"
CLUSTER_NAME=${CLUSTER_NAME:-cluster}
CLUSTER_WORK=""
CLUSTER_PIDS=()
CLUSTER_PG_DATA=""
CLUSTER_RUN_AS=()

cluster_die() { echo "$CLUSTER_NAME: $*" >&2; exit 1; }
cluster_say() { echo "$CLUSTER_NAME: $*" >&2; }

# cluster_require [haproxy] [wrk]: every program the cluster needs, or one line naming the package.
cluster_require() {
  local missing=()
  command -v java >/dev/null || missing+=("java (apt-get install -y openjdk-17-jdk-headless)")
  command -v curl >/dev/null || missing+=("curl (apt-get install -y curl)")
  CLUSTER_PG_BIN=${CLUSTER_PG_BIN:-$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)}
  [[ -n "$CLUSTER_PG_BIN" && -x "$CLUSTER_PG_BIN/initdb" && -x "$CLUSTER_PG_BIN/pg_ctl" ]] \
    || missing+=("PostgreSQL's initdb and pg_ctl (apt-get install -y postgresql, or set CLUSTER_PG_BIN to their folder)")
  local tool
  for tool in "$@"; do
    case $tool in
      haproxy) command -v haproxy >/dev/null || missing+=("haproxy (apt-get install -y haproxy)") ;;
      wrk) command -v wrk >/dev/null || missing+=("wrk (apt-get install -y wrk)") ;;
    esac
  done
  if (( EUID == 0 )); then
    # initdb and postgres refuse to run as root: they run as 'nobody' through util-linux's setpriv.
    command -v setpriv >/dev/null || missing+=("setpriv, to run PostgreSQL as 'nobody' when run as root (apt-get install -y util-linux)")
  fi
  if (( ${#missing[@]} )); then
    local m
    for m in "${missing[@]}"; do cluster_say "missing $m"; done
    exit 1
  fi
  if (( EUID == 0 )); then
    local uid gid
    if ! uid=$(id -u nobody 2>/dev/null) || ! gid=$(id -g nobody 2>/dev/null); then
      cluster_die "running as root, but there is no user 'nobody' to run PostgreSQL as"
    fi
    CLUSTER_RUN_AS=(setpriv "--reuid=$uid" "--regid=$gid" --clear-groups)
  fi
}

# cluster_init: the temporary folder everything lives in (logs, PostgreSQL's data, configuration).
cluster_init() {
  CLUSTER_WORK=$(mktemp -d "${TMPDIR:-/tmp}/bantin-cluster.XXXXXX") || cluster_die "cannot create a temporary folder"
  if (( EUID == 0 )); then
    # 'nobody' must reach its data folder inside; it can enter this folder but not list or read it.
    chmod 0711 "$CLUSTER_WORK"
  fi
}

# cluster_stop [exit status]: stops what was started (nodes and HAProxy with SIGTERM — a node
# flushes its counts on SIGTERM —, PostgreSQL last, with a fast shutdown) and removes the temporary
# folder, unless the script failed (status 1) or CLUSTER_KEEP is set: then the logs stay. Safe to
# call twice and from a trap.
cluster_stop() {
  local status=${1:-0}
  local pid
  for pid in "${CLUSTER_PIDS[@]:-}"; do
    if [[ -n "$pid" ]]; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for pid in "${CLUSTER_PIDS[@]:-}"; do
    if [[ -n "$pid" ]]; then cluster_wait_exit "$pid" 20; fi
  done
  CLUSTER_PIDS=()
  if [[ -n "$CLUSTER_PG_DATA" && -f "$CLUSTER_PG_DATA/postmaster.pid" ]]; then
    "${CLUSTER_RUN_AS[@]}" "$CLUSTER_PG_BIN/pg_ctl" stop -D "$CLUSTER_PG_DATA" -m fast -w -t 30 >/dev/null 2>&1 \
      || cluster_say "PostgreSQL did not stop cleanly (log: $CLUSTER_WORK/postgres.log)"
  fi
  CLUSTER_PG_DATA=""
  if [[ -n "$CLUSTER_WORK" && -d "$CLUSTER_WORK" ]]; then
    if [[ -n "${CLUSTER_KEEP:-}" || $status == 1 ]]; then
      cluster_say "kept $CLUSTER_WORK (logs; remove it with rm -rf)"
    else
      rm -rf "$CLUSTER_WORK"
    fi
  fi
  CLUSTER_WORK=""
}

# cluster_wait_exit <pid> <seconds>: waits for a process of ours to end, then kills it if it did not.
cluster_wait_exit() {
  local pid=$1 left=$(( $2 * 10 ))
  while kill -0 "$pid" 2>/dev/null && (( left-- > 0 )); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    cluster_say "process $pid did not stop within $2 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# cluster_free_port: a port nobody listens on now on 127.0.0.1 (whoever asked binds it right after),
# and none handed out before: callers run it in $(...), so the ports given are kept in a file.
cluster_free_port() {
  local port tries=0 taken="$CLUSTER_WORK/ports-given"
  touch "$taken"
  while (( tries++ < 200 )); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! grep -qx "$port" "$taken"; then
      echo "$port" >> "$taken"
      echo "$port"; return 0
    fi
  done
  cluster_die "no free port found on 127.0.0.1"
}

# cluster_build_jar: the server's shaded jar, built (tests skipped) only when missing.
cluster_build_jar() {
  [[ -f "$CLUSTER_JAR" ]] && return 0
  cluster_say "building $CLUSTER_JAR (./mvnw -q -pl server -am package -DskipTests; a few minutes the first time)"
  (cd "$CLUSTER_ROOT" && ./mvnw -q -pl server -am package -DskipTests) || cluster_die "the build failed"
  [[ -f "$CLUSTER_JAR" ]] || cluster_die "the build did not produce $CLUSTER_JAR"
}

# cluster_start_postgres: a new PostgreSQL cluster in the temporary folder, on a free port of
# 127.0.0.1 only (no Unix socket), with a superuser 'bantin' and a random password.
cluster_start_postgres() {
  local pg="$CLUSTER_WORK/pg"
  mkdir -m 0700 "$pg"
  PG_USER=bantin
  PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  ( umask 077; printf '%s\n' "$PG_PASSWORD" > "$pg/pwfile" )
  touch "$CLUSTER_WORK/postgres.log"
  if (( EUID == 0 )); then
    chown -R nobody: "$pg" "$CLUSTER_WORK/postgres.log"
  fi
  CLUSTER_PG_DATA="$pg/data"
  "${CLUSTER_RUN_AS[@]}" "$CLUSTER_PG_BIN/initdb" -D "$CLUSTER_PG_DATA" -U "$PG_USER" --auth=scram-sha-256 \
      --pwfile="$pg/pwfile" -E UTF8 --no-locale > "$CLUSTER_WORK/initdb.log" 2>&1 \
    || { CLUSTER_PG_DATA=""; cluster_die "initdb failed (log: $CLUSTER_WORK/initdb.log)"; }
  rm -f "$pg/pwfile"
  PG_PORT=$(cluster_free_port)
  # Appended settings win over initdb's: loopback only, no socket file outside the folder.
  cat >> "$CLUSTER_PG_DATA/postgresql.conf" <<EOF

# bantin cluster script
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 100
EOF
  "${CLUSTER_RUN_AS[@]}" "$CLUSTER_PG_BIN/pg_ctl" start -D "$CLUSTER_PG_DATA" -l "$CLUSTER_WORK/postgres.log" -w -t 60 \
      > "$CLUSTER_WORK/pg_ctl.log" 2>&1 \
    || cluster_die "PostgreSQL did not start (log: $CLUSTER_WORK/postgres.log)"
  # shellcheck disable=SC2034 # read by the scripts that source this file
  PG_URL_BASE="jdbc:postgresql://127.0.0.1:$PG_PORT"
}

# cluster_pg_pid: the postmaster's process id.
cluster_pg_pid() { head -1 "$CLUSTER_PG_DATA/postmaster.pid"; }

# cluster_psql <sql>: runs one statement on the 'postgres' database as the superuser.
cluster_psql() {
  PGPASSWORD=$PG_PASSWORD "$CLUSTER_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" \
    -d postgres -c "$1" > /dev/null || cluster_die "psql failed: $1"
}

# cluster_create_database <name>: an empty database for a cluster of nodes.
cluster_create_database() { cluster_psql "CREATE DATABASE $1"; }

# cluster_start_node <name> <port> <database: a SQLite file or a jdbc:postgresql URL> [flags...]:
# one bantin node on 127.0.0.1:<port>, working in its own folder under the temporary folder (a
# generated admin password would land there), trusting 127.0.0.1 as its proxy. Extra environment
# for the node comes from CLUSTER_NODE_ENV (an array of NAME=value). Sets NODE_PID.
cluster_start_node() {
  local name=$1 port=$2 db=$3
  shift 3
  local dir="$CLUSTER_WORK/$name" java_opts
  mkdir -p "$dir"
  read -r -a java_opts <<< "${CLUSTER_JAVA_OPTS:-$CLUSTER_DEFAULT_JAVA_OPTS}"
  if [[ -f "$CLUSTER_JSA" ]]; then
    java_opts=("-XX:SharedArchiveFile=$CLUSTER_JSA" "${java_opts[@]}")
  fi
  local env=(BANTIN_HOST=127.0.0.1 "BANTIN_PORT=$port" "BANTIN_DB=$db" "BANTIN_NODE=$name"
             BANTIN_TRUSTED_PROXIES=127.0.0.1/32)
  if [[ $db == jdbc:* ]]; then
    env+=("BANTIN_DB_USER=$PG_USER" "BANTIN_DB_PASSWORD=$PG_PASSWORD")
  fi
  ( cd "$dir" && exec env "${env[@]}" "${CLUSTER_NODE_ENV[@]}" java "${java_opts[@]}" -jar "$CLUSTER_JAR" "$@" ) \
    >> "$dir/bantin.log" 2>&1 &
  NODE_PID=$!
  CLUSTER_PIDS+=("$NODE_PID")
}

# cluster_wait_healthy <base url> <pid> [seconds, default 60]: until GET /health answers 200.
cluster_wait_healthy() {
  local url=$1 pid=$2 left=$(( ${3:-60} * 10 ))
  while (( left-- > 0 )); do
    kill -0 "$pid" 2>/dev/null || cluster_die "the process behind $url exited (logs in $CLUSTER_WORK; keep them with CLUSTER_KEEP=1)"
    curl -fsS -o /dev/null --max-time 1 "$url/health" 2>/dev/null && return 0
    sleep 0.1
  done
  cluster_die "$url/health did not answer 200 within ${3:-60} s"
}

# cluster_haproxy_config <lb port> <node port>...: deploy/haproxy.cfg for this machine. The example
# is what runs: only its listening address and its servers' addresses are replaced, and the lines
# marked "# system-wide" (chroot, user, syslog, daemon) are left out, since HAProxy runs here in the
# foreground as the caller; with CLUSTER_HAPROXY_LOG=1 it logs each request to its standard error.
cluster_haproxy_config() {
  local lb_port=$1
  shift
  [[ -f "$CLUSTER_HAPROXY_EXAMPLE" ]] || cluster_die "missing $CLUSTER_HAPROXY_EXAMPLE"
  awk -v lb="127.0.0.1:$lb_port" -v ports="$*" -v log_requests="${CLUSTER_HAPROXY_LOG:-}" '
    BEGIN { n = split(ports, port, " ") }
    /# system-wide/ {
      if ($1 == "log" && log_requests != "") print "    log stderr format raw local0"
      next
    }
    $1 == "bind" { sub(/bind[ \t]+[^ \t]+/, "bind " lb) }
    $1 == "server" {
      # nodeK and nodeK-fallback both name the K-th node; nodes beyond those started are left out.
      if (!match($2, /^node[0-9]+/)) { print "unexpected server name " $2 > "/dev/stderr"; exit 1 }
      k = substr($2, 5, RLENGTH - 4) + 0
      if (k > n) next
      seen[k] = 1
      line = "    server " $2 " 127.0.0.1:" port[k]
      for (i = 4; i <= NF; i++) line = line " " $i
      print line
      next
    }
    { print }
    END { for (k = 1; k <= n; k++) if (!seen[k]) { print "no server line for node" k " in the example" > "/dev/stderr"; exit 1 } }
  ' "$CLUSTER_HAPROXY_EXAMPLE"
}

# cluster_start_haproxy <lb port> <node port>...: HAProxy in the foreground (as a child of this
# script) with the templated example. Sets HAPROXY_PID.
cluster_start_haproxy() {
  local cfg="$CLUSTER_WORK/haproxy.cfg"
  cluster_haproxy_config "$@" > "$cfg" || cluster_die "cannot template $CLUSTER_HAPROXY_EXAMPLE"
  haproxy -c -q -f "$cfg" > "$CLUSTER_WORK/haproxy-check.log" 2>&1 \
    || cluster_die "HAProxy refuses $cfg: $(head -5 "$CLUSTER_WORK/haproxy-check.log")"
  haproxy -db -f "$cfg" >> "$CLUSTER_WORK/haproxy.log" 2>&1 &
  HAPROXY_PID=$!
  CLUSTER_PIDS+=("$HAPROXY_PID")
}

# cluster_wait_backends_up <lb url> <pid> <node count> [seconds, default 30]: until HAProxy has seen
# every node pass its health check, judged by the nodes answering in turn through it: N requests
# to /health all 200. (HAProxy starts its servers as up and then checks; a short wait for the first
# round of checks keeps a failing node from being counted.)
cluster_wait_backends_up() {
  local url=$1 pid=$2 n=$3 left=$(( ${4:-30} * 10 )) i ok
  sleep 0.5
  while (( left-- > 0 )); do
    kill -0 "$pid" 2>/dev/null || cluster_die "HAProxy exited (log: $CLUSTER_WORK/haproxy.log)"
    ok=0
    for (( i = 0; i < n; i++ )); do
      curl -fsS -o /dev/null --max-time 1 "$url/health" 2>/dev/null && ok=$(( ok + 1 ))
    done
    (( ok == n )) && return 0
    sleep 0.1
  done
  cluster_die "$url/health did not answer 200 through HAProxy within ${4:-30} s"
}

# cluster_cpu_ticks <pid>...: CPU time (user + system, in clock ticks) of these processes, including
# the reaped children each has waited for (a PostgreSQL backend that ended is counted in the
# postmaster's cutime/cstime).
cluster_cpu_ticks() {
  local pid total=0 stat fields
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    # Fields after the command name, which is in parentheses and may contain spaces.
    read -r -a fields <<< "${stat##*) }"
    # fields[0] is field 3 (state): utime 14, stime 15, cutime 16, cstime 17 are fields[11..14].
    total=$(( total + fields[11] + fields[12] + fields[13] + fields[14] ))
  done
  echo "$total"
}

# cluster_pg_cpu_ticks: CPU time of the whole PostgreSQL cluster: the postmaster, its live
# children (backends, checkpointer, WAL writer, autovacuum) and the children that ended.
cluster_pg_cpu_ticks() {
  local pm children
  pm=$(cluster_pg_pid)
  children=$(pgrep -P "$pm" | tr '\n' ' ')
  # shellcheck disable=SC2086 # the list of process ids is meant to split
  cluster_cpu_ticks "$pm" $children
}
