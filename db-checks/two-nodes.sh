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
source db-checks/nodes.sh
fresh_database $DB
rm -rf "$WORK" && mkdir -p "$WORK"
for node in a:200 b:300; do
    name=${node%%:*}; offset=${node##*:}
    start_node "$WORK/node-$name" load-app/target/jobstore-load.ear "$offset" "" -Djboss.node.name=node-$name \
        -Djobstore.db.name=$DB -Djobstore.sweep.interval=PT0.5S -Djobstore.pull.recheck=PT30S
done
await_api http://127.0.0.1:8280/jobstore/api 180
await_api http://127.0.0.1:8380/jobstore/api 180
java db-checks/TwoNodes.java http://127.0.0.1:8280/jobstore/api http://127.0.0.1:8380/jobstore/api
java db-checks/LoadCheck.java http://127.0.0.1:8280/jobstore/api http://127.0.0.1:8380/jobstore/api \
    kill -KILL -- "-${node_pids[1]}"
