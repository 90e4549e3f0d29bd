#!/usr/bin/env bash
# Two WildFly nodes on one PostgreSQL database (ports offset 200 and 300), each with the load
# EAR (the built EAR plus four in-process workers on queue "load"). First the checks of
# TwoNodes.java (cross-node wake-up latency, concurrent sweeps), then chaos/Chaos.java: a steady
# load of creates, remote and in-process workers while node B's LISTEN session is killed, its
# sessions are terminated in a storm, a session holds row locks, node A's pools are starved, node
# B is killed five times and then undeployed and stopped gracefully; the run's history is then
# classified as Jepsen's queue checker does (lost, duplicated, recovered...).
# With --soak MINUTES SEED it runs the soak instead (not in CI; README, "Soak").
# The load goes through the Java client. Needs a built tree (./mvnw install -DskipTests) and a local PostgreSQL; creates jobstore_chaos.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=jobstore_chaos
WORK=target/chaos
source db-checks/nodes.sh
# Node B is started again by Chaos.java, outside node_pids: stop whatever runs from its folder too.
trap 'stop_nodes; pkill -KILL -f "$WORK/node-" || true' EXIT
fresh_database $DB
rm -rf "$WORK" && mkdir -p "$WORK/classes"
settings="-Djobstore.db.name=$DB -Djobstore.sweep.interval=PT0.5S -Djobstore.pull.recheck=PT30S"
specs=()
for node in a:200 b:300; do
    name=${node%%:*}; offset=${node##*:}
    start_node "$WORK/node-$name" load-app/target/jobstore-load.ear "$offset" "" -Djboss.node.name=node-$name $settings
    specs+=("node-$name|http://127.0.0.1:$((8080 + offset))/jobstore/api|$WORK/node-$name|${node_pids[-1]}|-Djboss.socket.binding.port-offset=$offset -Djboss.node.name=node-$name $settings")
done
await_api http://127.0.0.1:8280/jobstore/api 180
await_api http://127.0.0.1:8380/jobstore/api 180
client=$(client_classpath)
javac -cp "$client" -d "$WORK/classes" db-checks/chaos/*.java
if [ "${1:-}" == --soak ]; then
    java -cp "$WORK/classes:$client" Chaos "soak:$2:$3" $DB "${specs[@]}"
else
    java db-checks/TwoNodes.java http://127.0.0.1:8280/jobstore/api http://127.0.0.1:8380/jobstore/api
    java -cp "$WORK/classes:$client" Chaos $DB "${specs[@]}"
fi
