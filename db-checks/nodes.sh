# Sourced by the node checks: a fresh database, WildFly nodes from the built tree each in a
# process group of its own (standalone.sh runs the JVM as a child that would outlive the
# script), all of them stopped when the check exits.
node_pids=()
# Every node gets one user with every role; the checks (curl and the Java checks) call as it.
CHECKS_AUTH=checks:checks

# fresh_database NAME
fresh_database() {
    psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" 2>&1 | grep -v NOTICE || true
}

# start_node DIR EAR OFFSET ENVIRONMENT [SERVER ARGUMENTS...]: a copy of the provisioned server
# in DIR with EAR deployed, on PostgreSQL, its ports moved by OFFSET, its log in DIR.log.
# ENVIRONMENT is "" or VAR=value words to run it with.
start_node() {
    local dir=$1 ear=$2 offset=$3 environment=$4
    shift 4
    cp -r wildfly-config/target/server "$dir"
    cp "$ear" "$dir/standalone/deployments/"
    "$dir/bin/add-user.sh" -s -a -u "${CHECKS_AUTH%%:*}" -p "${CHECKS_AUTH#*:}" -g admin,producer,worker,viewer \
        -sc "$dir/standalone/configuration"
    launch_node "$dir" "$offset" "$environment" "$@"
}

# launch_node DIR OFFSET ENVIRONMENT [SERVER ARGUMENTS...]: starts the server in DIR (again), its
# log appended to DIR.log.
launch_node() {
    local dir=$1 offset=$2 environment=$3
    shift 3
    # shellcheck disable=SC2086 # the environment's words are meant to split
    env $environment setsid "$dir/bin/standalone.sh" -c standalone-postgresql.xml \
        -Djboss.socket.binding.port-offset="$offset" "$@" >> "$dir.log" 2>&1 &
    node_pids+=($!)
}

# await_api API SECONDS: waits until the node's API answers; fails if it does not in time.
await_api() {
    for _ in $(seq 1 "$2"); do curl -u "$CHECKS_AUTH" -sf -o /dev/null "$1/queues" && return 0; sleep 1; done
    echo "the node at $1 did not answer within $2 s"
    return 1
}

# client_classpath: the Java client's jar and what it needs, for the Java checks that use it
# (java -cp "$(client_classpath)" db-checks/X.java); needs a built java-client.
client_classpath() {
    ./mvnw -q dependency:build-classpath -pl java-client -Dmdep.outputFile=target/client.classpath \
        -Dmdep.includeArtifactIds=jakarta.json-api,parsson >&2
    echo "$(ls java-client/target/jobstore-client-*.jar | head -1):$(cat java-client/target/client.classpath)"
}

stop_nodes() {
    for pid in "${node_pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for pid in "${node_pids[@]}"; do
        for _ in $(seq 1 30); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 1; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    done
}
trap stop_nodes EXIT
