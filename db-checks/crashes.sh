#!/usr/bin/env bash
# Crash checks on one node on PostgreSQL (port offset 400), from a built tree:
# 1. a holder process stopped with SIGSTOP while it holds a 2 s lease: the sweep takes the job
#    back, and when the process continues every call it makes with its old token is refused;
# 2. PostgreSQL restarted under a load of creates and fulfills through the Java client (Crashes.java);
# 3. readiness (/health/ready on the management port) DOWN while PostgreSQL is stopped, UP after.
# Needs a local PostgreSQL it may restart (pg_ctlcluster); creates jobstore_crash.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=jobstore_crash
WORK=target/crashes
API=http://127.0.0.1:8480/jobstore/api
READY=http://127.0.0.1:10390/health/ready
source db-checks/nodes.sh
fresh_database $DB
rm -rf "$WORK" && mkdir -p "$WORK"
start_node "$WORK/node" ear/target/jobstore.ear 400 "" -Djobstore.db.name=$DB -Djobstore.sweep.interval=PT0.5S
await_api "$API" 180

echo "== a stopped holder comes back after its lease expired =="
coproc java db-checks/Holder.java "$API"
holder=$COPROC_PID
read -r leased id token <&"${COPROC[0]}"
[ "$leased" == LEASED ] || { echo "the holder did not lease a job"; exit 1; }
kill -STOP "$holder"
for _ in $(seq 1 60); do
    curl -u "$CHECKS_AUTH" -sf "$API/jobs/$id" | grep -q '"status":"PENDING"' && break
    sleep 0.5
done
releases=$(curl -u "$CHECKS_AUTH" -sf "$API/jobs/$id" | grep -o '"releases":[0-9]*')
kill -CONT "$holder"
echo go >&"${COPROC[1]}"
refused=0
for _ in 1 2 3 4 5; do
    read -r call status <&"${COPROC[0]}"
    echo "  $call with the old token: $status"
    [ "$status" == 409 ] && refused=$((refused + 1))
done
wait "$holder" || true
echo "  while stopped the job went back to the pool ($releases)"
if [ "$refused" != 5 ] || [ "$releases" != '"releases":1' ]; then
    echo "sigstop-holder: 0 passed, 1 failed"
    exit 1
fi
echo "sigstop-holder: 1 passed, 0 failed"

echo "== PostgreSQL restarted under load =="
if ! java -cp "$(client_classpath)" db-checks/Crashes.java "$API" pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main restart; then
    echo "internal errors the node logged:"
    grep -A 40 "Internal error" "$WORK/node.log" | grep -E "Internal error|Caused by|Exception" | head -40 || true
    exit 1
fi

echo "== readiness follows PostgreSQL =="
# await_readiness STATUS: polls until /health/ready answers STATUS (200 UP, 503 DOWN), 60 s at most
await_readiness() {
    for _ in $(seq 1 120); do
        [ "$(curl -s -o "$WORK/ready.json" -w '%{http_code}' "$READY")" == "$1" ] && return 0
        sleep 0.5
    done
    return 1
}
pg() { pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main "$1"; }
await_readiness 200 || { echo "readiness: not UP before the stop: $(cat "$WORK/ready.json")"; exit 1; }
pg stop
if await_readiness 503; then
    down=$(cat "$WORK/ready.json")
    pg start
else
    pg start
    echo "readiness: 0 passed, 1 failed (still UP with PostgreSQL stopped: $(cat "$WORK/ready.json"))"
    exit 1
fi
echo "  while stopped: $down"
if ! await_readiness 200; then
    echo "readiness: 0 passed, 1 failed (not UP again after the start: $(cat "$WORK/ready.json"))"
    exit 1
fi
echo "  after the start: $(cat "$WORK/ready.json")"
echo "readiness: 1 passed, 0 failed"
