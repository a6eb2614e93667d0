#!/usr/bin/env bash
# A bantin cluster on this machine, to try out: a throwaway PostgreSQL, three bantin nodes on it
# and HAProxy round-robin in front (deploy/haproxy.cfg), all on 127.0.0.1. Prints the address and
# how to log in; Ctrl+C stops everything and removes the temporary folder.
#
# Needs Debian's postgresql and haproxy packages, a JDK 17 and curl; builds the server's jar when
# server/target/bantin-server.jar is missing. Run as root, PostgreSQL runs as 'nobody'.
#
# Usage: scripts/cluster-demo.sh
#   CLUSTER_NODES=3         how many bantin nodes (1 to 3, the servers of deploy/haproxy.cfg)
#   BANTIN_ADMIN_PASSWORD   the admin password to use (default: a random one, written to a file)
#   CLUSTER_KEEP=1          keep the temporary folder at the end (logs, haproxy.cfg)
#   CLUSTER_JAVA_OPTS       the nodes' JVM options (default README's flags)
#   CLUSTER_PG_BIN          PostgreSQL's bin folder (default the newest /usr/lib/postgresql/*/bin)
#   Any other BANTIN_* setting in the environment reaches every node (e.g. BANTIN_FLUSH_INTERVAL=1s).
set -euo pipefail
CLUSTER_NAME=cluster-demo
# shellcheck source-path=SCRIPTDIR source=lib/cluster.sh
source "$(dirname "$0")/lib/cluster.sh"

NODES=${CLUSTER_NODES:-3}
[[ $NODES =~ ^[1-3]$ ]] || cluster_die "CLUSTER_NODES must be 1 to 3 (the servers of deploy/haproxy.cfg), was '$NODES'"

cluster_require haproxy
trap 'cluster_stop $?' EXIT
# INT and TERM end the script, which runs the EXIT trap once.
trap 'exit 130' INT
trap 'exit 143' TERM
cluster_init
cluster_build_jar

cluster_say "starting PostgreSQL ($CLUSTER_PG_BIN) in $CLUSTER_WORK"
cluster_start_postgres
cluster_create_database bantin
DB_URL="$PG_URL_BASE/bantin"

# One admin password for all nodes; in a file only the caller can read, never on the console.
PASSWORD_FILE="$CLUSTER_WORK/admin-password.txt"
if [[ -z "${BANTIN_ADMIN_PASSWORD:-}" ]]; then
  BANTIN_ADMIN_PASSWORD=$(head -c 15 /dev/urandom | base64 | tr -d '/+=')
  ( umask 077; printf '%s\n' "$BANTIN_ADMIN_PASSWORD" > "$PASSWORD_FILE" )
fi
export BANTIN_ADMIN_PASSWORD

LB_PORT=$(cluster_free_port)
PORTS=()
for (( i = 1; i <= NODES; i++ )); do PORTS+=("$(cluster_free_port)"); done
CLUSTER_NODE_ENV=("BANTIN_BASE_URL=http://127.0.0.1:$LB_PORT")

# The first node alone migrates the empty database, creates the admin account and seeds the sample
# articles; the others start together once it is up.
cluster_say "starting node1 on 127.0.0.1:${PORTS[0]} (migrates the database, seeds sample articles)"
cluster_start_node node1 "${PORTS[0]}" "$DB_URL" --demo
NODE_PIDS=("$NODE_PID")
cluster_wait_healthy "http://127.0.0.1:${PORTS[0]}" "$NODE_PID"
for (( i = 2; i <= NODES; i++ )); do
  cluster_say "starting node$i on 127.0.0.1:${PORTS[i-1]}"
  cluster_start_node "node$i" "${PORTS[i-1]}" "$DB_URL"
  NODE_PIDS+=("$NODE_PID")
done
for (( i = 2; i <= NODES; i++ )); do
  cluster_wait_healthy "http://127.0.0.1:${PORTS[i-1]}" "${NODE_PIDS[i-1]}"
done

# The demo logs every request HAProxy passes on (haproxy.log shows which node took it).
CLUSTER_HAPROXY_LOG=1
cluster_say "starting HAProxy on 127.0.0.1:$LB_PORT (round-robin over ${PORTS[*]})"
cluster_start_haproxy "$LB_PORT" "${PORTS[@]}"
cluster_wait_backends_up "http://127.0.0.1:$LB_PORT" "$HAPROXY_PID" "$NODES"

if [[ -f "$PASSWORD_FILE" ]]; then
  LOGIN="user admin, password in $PASSWORD_FILE (removed with the rest on Ctrl+C)"
else
  LOGIN="user admin, the password in BANTIN_ADMIN_PASSWORD"
fi
cat <<EOF

  bantin cluster: http://127.0.0.1:$LB_PORT/   (HAProxy, round-robin over $NODES nodes)
  nodes:          $(for (( i = 1; i <= NODES; i++ )); do printf 'node%d http://127.0.0.1:%s/  ' "$i" "${PORTS[i-1]}"; done)
  log in:         http://127.0.0.1:$LB_PORT/login, $LOGIN
  PostgreSQL:     $DB_URL (user $PG_USER), data in $CLUSTER_PG_DATA
  logs:           $CLUSTER_WORK (node*/bantin.log, postgres.log, haproxy.log)

  To see what the nodes do without their database, stop and start PostgreSQL:
    ${CLUSTER_RUN_AS[*]}${CLUSTER_RUN_AS:+ }$CLUSTER_PG_BIN/pg_ctl stop -D $CLUSTER_PG_DATA -m fast
    ${CLUSTER_RUN_AS[*]}${CLUSTER_RUN_AS:+ }$CLUSTER_PG_BIN/pg_ctl start -D $CLUSTER_PG_DATA -l $CLUSTER_WORK/postgres.log

  Ctrl+C stops everything and removes $CLUSTER_WORK.

EOF

# Stay until interrupted, saying when a part goes away or comes back: stopping PostgreSQL or a node
# by hand (the commands above) shows what the others do meanwhile.
declare -A WAS_UP
report() { # report <name> <up: 0|1> <what to say when it goes away>
  if [[ "${WAS_UP[$1]:-1}" != "$2" ]]; then
    if (( $2 )); then cluster_say "$1 is back"; else cluster_say "$1 $3"; fi
    WAS_UP[$1]=$2
  fi
}
while true; do
  for (( i = 1; i <= NODES; i++ )); do
    up=0; kill -0 "${NODE_PIDS[i-1]}" 2>/dev/null && up=1
    report "node$i" "$up" "exited (log: $CLUSTER_WORK/node$i/bantin.log); HAProxy sends its requests to the others"
  done
  up=0; kill -0 "$HAPROXY_PID" 2>/dev/null && up=1
  report HAProxy "$up" "exited (log: $CLUSTER_WORK/haproxy.log)"
  up=0; [[ -f "$CLUSTER_PG_DATA/postmaster.pid" ]] && kill -0 "$(cluster_pg_pid)" 2>/dev/null && up=1
  report PostgreSQL "$up" "is down; the nodes keep counting in memory and answer 503 on /health (log: $CLUSTER_WORK/postgres.log)"
  sleep 1
done
