#!/usr/bin/env bash
# Leased batch executions across two nodes on one PostgreSQL database (ports offset 800 and 900),
# each with the load EAR (whose lib/ holds the batch job numbered-items): BatchNodes.java runs a
# job of 20,000 items, 100 per chunk, and kills the executing node with kill -9 midway; the node
# is started again, and a second job's executing node is SIGSTOPped past its 4 s lease and
# continued after the other node took over. Needs a built tree and a local PostgreSQL; creates
# jobstore_batch.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=jobstore_batch
WORK=target/batch-nodes
A=http://127.0.0.1:8880/jobstore/api
B=http://127.0.0.1:8980/jobstore/api
source db-checks/nodes.sh
fresh_database $DB
# load-app's RecordedItems.TABLE
psql -h 127.0.0.1 -U postgres -d $DB -q -c "create table if not exists batch_item (run varchar(64) not null,
    item integer not null, execution_id bigint not null, node varchar(200), primary key (run, item))"
rm -rf "$WORK" && mkdir -p "$WORK"
settings=(-Djobstore.db.name=$DB -Djobstore.sweep.interval=PT0.5S -Djobstore.batch.lease=PT4S)
start_node "$WORK/node-a" load-app/target/jobstore-load.ear 800 "" -Djboss.node.name=node-a "${settings[@]}"
start_node "$WORK/node-b" load-app/target/jobstore-load.ear 900 "" -Djboss.node.name=node-b "${settings[@]}"
await_api $A 180
await_api $B 180

echo "== batch execution: the executing node killed (kill -9) =="
java db-checks/BatchNodes.java $A $B "${node_pids[0]}" "${node_pids[1]}" $DB "$WORK/node-a.log" "$WORK/node-b.log" kill

# Start the killed node again, so that the next round has two nodes.
for i in 0 1; do
    if ! kill -0 -- "-${node_pids[$i]}" 2>/dev/null; then
        name=$([ $i == 0 ] && echo a || echo b)
        launch_node "$WORK/node-$name" "$([ $i == 0 ] && echo 800 || echo 900)" "" -Djboss.node.name=node-$name "${settings[@]}"
        node_pids[$i]=${node_pids[-1]}
        unset 'node_pids[-1]'
    fi
done
await_api $A 180
await_api $B 180

echo "== batch execution: the executing node stopped (SIGSTOP) past its lease, then continued =="
java db-checks/BatchNodes.java $A $B "${node_pids[0]}" "${node_pids[1]}" $DB "$WORK/node-a.log" "$WORK/node-b.log" stop
