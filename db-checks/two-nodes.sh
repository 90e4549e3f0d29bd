#!/usr/bin/env bash
# Two WildFly nodes on one PostgreSQL database (ports offset 200 and 300), each with the load
# EAR (the built EAR plus four in-process workers on queue "load"), then the checks of
# TwoNodes.java (cross-node wake-up latency, concurrent sweeps) and LoadCheck.java (5,000 jobs,
# in-process and remote workers, stale writes, and node B killed with kill -9 midway).
# Needs a built tree (./mvnw package -DskipTests) and a local PostgreSQL; creates jobstore_cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=jobstore_cluster
WORK=target/two-nodes
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" 2>&1 | grep -v NOTICE || true
rm -rf "$WORK" && mkdir -p "$WORK"
pids=()
# Each node runs in its own session: stopping it means signalling its whole process group
# (standalone.sh runs the JVM as a child that would outlive the script).
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 30); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 1; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

for node in a:200 b:300; do
    name=${node%%:*}; offset=${node##*:}
    cp -r wildfly-config/target/server "$WORK/node-$name"
    cp load-app/target/jobstore-load.ear "$WORK/node-$name/standalone/deployments/"
    setsid "$WORK/node-$name/bin/standalone.sh" -c standalone-postgresql.xml -Djboss.socket.binding.port-offset=$offset \
        -Djboss.node.name=node-$name -Djobstore.db.name=$DB -Djobstore.sweep.interval=PT0.5S -Djobstore.pull.recheck=PT30S \
        > "$WORK/node-$name.log" 2>&1 &
    pids+=($!)
done
for port in 8280 8380; do
    for _ in $(seq 1 180); do curl -sf -o /dev/null "http://127.0.0.1:$port/jobstore/api/queues" && break; sleep 1; done
done
java db-checks/TwoNodes.java http://127.0.0.1:8280/jobstore/api http://127.0.0.1:8380/jobstore/api
java db-checks/LoadCheck.java http://127.0.0.1:8280/jobstore/api http://127.0.0.1:8380/jobstore/api \
    kill -KILL -- "-${pids[1]}"
