#!/usr/bin/env bash
# Checks the claim path on PostgreSQL with a large table: 1,000,000 PENDING jobs in one queue
# plus 1,000,000 finished ones, then claims 200,000 and looks again. Prints the plan and the
# time of one claim (10 jobs, as a worker with max=10 would) at each step, with the generic
# plan forced, as prepared statements end up using.
# Usage: db-checks/claim-plan.sh   (needs psql and a local PostgreSQL; creates jobstore_plan)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=jobstore_plan
PSQL=(psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -v ON_ERROR_STOP=1 -q)

"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
for migration in postgresql/V1__initial_schema.sql common/V2__collection_counts.sql postgresql/V3__lean_job_indexes.sql; do
    "${PSQL[@]}" -d $DB -f "ejb-module/src/main/resources/db/migration/$migration"
done

echo "loading 1,000,000 pending and 1,000,000 finished jobs..."
"${PSQL[@]}" -d $DB <<'SQL'
INSERT INTO job (id, queue, status, priority, run_at, attempts, max_attempts, backoff_initial_ms,
                 backoff_multiplier, backoff_max_ms, releases, version, created_at, updated_at, payload)
SELECT gen_random_uuid(), 'bulk', CASE WHEN n <= 1000000 THEN 'PENDING' ELSE 'FULFILLED' END, n % 3,
       now() - interval '1 hour', 0, 3, 1000, 2, 3600000, 0, 0,
       now() - interval '1 hour' + n * interval '1 millisecond', now(), '{"n":' || n || '}'
FROM generate_series(1, 2000000) AS n;
VACUUM ANALYZE job;
SQL

# The claim statement of LeaseGrants (PostgreSQL), rolled back so that every run sees the same rows.
claim_plan() {
    "${PSQL[@]}" -d $DB <<'SQL'
SET plan_cache_mode = force_generic_plan;
PREPARE claim(text, timestamptz, int) AS
  UPDATE job SET status = 'RUNNING', attempts = attempts + 1, lease_owner = 'plan', lease_token = gen_random_uuid()::text,
                 lease_expires_at = $2 + interval '1 minute', updated_at = $2, version = version + 1
  WHERE id = ANY(ARRAY(
      SELECT id FROM job WHERE queue = $1 AND status = 'PENDING' AND run_at <= $2
          AND NOT EXISTS (SELECT 1 FROM job_queue q WHERE q.name = $1 AND q.paused)
      ORDER BY priority DESC, created_at, id LIMIT $3 FOR UPDATE SKIP LOCKED))
  RETURNING id;
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE claim('bulk', now(), 10);
ROLLBACK;
SQL
}

echo "== claim with 1,000,000 pending =="
claim_plan
echo "claiming 200,000 jobs (status RUNNING, as grants do)..."
"${PSQL[@]}" -d $DB <<'SQL'
UPDATE job SET status = 'RUNNING', attempts = 1, version = version + 1
WHERE id IN (SELECT id FROM job WHERE queue = 'bulk' AND status = 'PENDING'
             ORDER BY priority DESC, created_at, id LIMIT 200000);
SQL
echo "== first claim right after 200,000 claims (before any vacuum): it walks and marks the dead index entries =="
claim_plan
echo "== the next claim: dead entries already marked =="
claim_plan
"${PSQL[@]}" -d $DB -c "VACUUM job"
echo "== claim after vacuum =="
claim_plan
"${PSQL[@]}" -d postgres -c "DROP DATABASE $DB"
