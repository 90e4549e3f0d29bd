#!/usr/bin/env bash
# Two nodes on one PostgreSQL database, node B's clock 90 s ahead (faketime around its JVM):
# leases granted through node A for 60 s must not be swept by node B, whose own clock says
# they expired 30 s ago. The store takes its time from the database (README, "Leases and
# fencing"). Checks, over 40 s: every lease still RUNNING with no release; node B shows the
# same expiresAt as node A; node B logged its offset. Then due times: a job due in 10 s by the
# database (runAt, through node A) is not handed out early by node B; a job delayed 10 s through
# node B, and the next run of a repeat fulfilled through node B, start 10 s and 2 s later, not
# 90 s late. Needs a built tree, a local PostgreSQL
# and Debian's faketime; creates jobstore_skew. A JVM under faketime starts slowly (about 4 min here).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=jobstore_skew
WORK=target/clock-skew
FAKETIME_LIB=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 | head -1)
source db-checks/nodes.sh
fresh_database $DB
rm -rf "$WORK" && mkdir -p "$WORK"
settings="-Djobstore.db.name=$DB -Djobstore.sweep.interval=PT0.5S"
start_node "$WORK/node-a" ear/target/jobstore.ear 600 "" -Djboss.node.name=node-a $settings
start_node "$WORK/node-b" ear/target/jobstore.ear 700 "FAKETIME=+90s DONT_FAKE_MONOTONIC=1 LD_PRELOAD=$FAKETIME_LIB" \
    -Djboss.node.name=node-b $settings
A=http://127.0.0.1:8680/jobstore/api
B=http://127.0.0.1:8780/jobstore/api
await_api $A 480
await_api $B 480

jobs=$(printf '{"payload":%d},' $(seq 1 50)); jobs="[${jobs%,}]"
curl -u "$CHECKS_AUTH" -sf -X POST "$A/queues/skew/jobs/batch" -H 'Content-Type: application/json' -d "$jobs" > /dev/null
leased=$(curl -u "$CHECKS_AUTH" -sf -X POST "$A/queues/skew/leases" -H 'Content-Type: application/json' \
    -d '{"worker":"holder","max":50,"lease":"PT60S"}')
count=$(grep -o '"token"' <<< "$leased" | wc -l)
[ "$count" -eq 50 ] || { echo "leased $count jobs, expected 50"; exit 1; }
id=$(grep -o '"id":"[^"]*"' <<< "$leased" | head -1 | cut -d'"' -f4)
expiry_a=$(curl -u "$CHECKS_AUTH" -sf "$A/jobs/$id" | grep -o '"expiresAt":"[^"]*"')
expiry_b=$(curl -u "$CHECKS_AUTH" -sf "$B/jobs/$id" | grep -o '"expiresAt":"[^"]*"')
[ "$expiry_a" = "$expiry_b" ] || { echo "expiresAt differs: node A $expiry_a, node B $expiry_b"; exit 1; }

# Node B's own clock has these leases expired for the whole window; none may be swept.
for second in $(seq 1 40); do
    running=$(psql -h 127.0.0.1 -U postgres -d $DB -tAc \
        "select count(*) from job where queue = 'skew' and status = 'RUNNING' and releases = 0")
    [ "$running" -eq 50 ] || { echo "after ${second} s only $running of 50 leases were left alone"; exit 1; }
    sleep 1
done
grep -q "off the database's" "$WORK/node-b.log" || { echo "node B did not log its clock's offset"; exit 1; }
echo "clock skew: 50 leases of 60 s through node A, node B 90 s ahead: none swept in 40 s; expiresAt the same on both nodes ($expiry_a)"
grep -o "This node's clock is [-0-9]* ms off" "$WORK/node-b.log" | head -1

# due_after QUEUE NODE START: long-polls QUEUE on NODE for up to 30 s; prints the seconds from
# START (date +%s.%N, taken before the job was made) until it got a job.
due_after() {
    local answer
    answer=$(curl -u "$CHECKS_AUTH" -sf -X POST "$2/queues/$1/leases" -H 'Content-Type: application/json' \
        -d '{"worker":"due","wait":"PT30S"}')
    grep -q '"token"' <<< "$answer" || { echo "no job of $1 within 30 s"; return 1; }
    awk -v start="$3" -v end="$(date +%s.%N)" 'BEGIN { printf "%.2f", end - start }'
}
# in_window SECONDS LOW HIGH NAME: fails unless LOW <= SECONDS <= HIGH
in_window() {
    if ! awk -v took="$1" -v low="$2" -v high="$3" 'BEGIN { exit !(took >= low && took <= high) }'; then
        echo "$4: started after $1 s, expected between $2 and $3 s"
        exit 1
    fi
    echo "$4: started after $1 s"
}
post() { curl -u "$CHECKS_AUTH" -sf -X POST "$1" -H 'Content-Type: application/json' -d "$2"; }
# Node B under faketime answers slowly: each wait counts from before the job was made.
start=$(date +%s.%N)
due=$(psql -h 127.0.0.1 -U postgres -d $DB -tAc \
    "select to_char((now() + interval '10 seconds') at time zone 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")
post "$A/queues/skew-due/jobs" "{\"payload\":1,\"runAt\":\"$due\"}" > /dev/null
in_window "$(due_after skew-due "$B" "$start")" 9.9 13.5 "runAt in 10 s (created through node A, pulled through node B)"
start=$(date +%s.%N)
post "$B/queues/skew-delay/jobs" '{"payload":2,"delay":"PT10S"}' > /dev/null
in_window "$(due_after skew-delay "$A" "$start")" 9.9 13.5 "delay of 10 s (created through node B, pulled through node A)"
start=$(date +%s.%N)
post "$A/queues/skew-repeat/jobs" '{"payload":3,"repeat":{"every":"PT2S","times":2}}' > /dev/null
run=$(post "$B/queues/skew-repeat/leases" '{"worker":"due","wait":"PT5S"}')
id=$(grep -o '"id":"[^"]*"' <<< "$run" | head -1 | cut -d'"' -f4)
token=$(grep -o '"token":"[^"]*"' <<< "$run" | head -1 | cut -d'"' -f4)
curl -u "$CHECKS_AUTH" -sf -X PUT "$B/jobs/$id/result" -H "Lease-Token: $token" -H 'Content-Type: text/plain' -d done > /dev/null
in_window "$(due_after skew-repeat "$A" "$start")" 1.9 6.5 "next run of a 2 s repeat (fulfilled through node B, pulled through node A)"
