package dev.jobstore.token;

import dev.jobstore.job.Violations;
import dev.jobstore.security.QueuePattern;
import dev.jobstore.security.Roles;
import java.time.Instant;
import java.util.List;

/**
 * A token to issue: a name for people to recognise it by, its roles, the queue patterns it is
 * limited to (none: every queue), and when it stops working (null: never).
 */
public record NewToken(String name, List<String> roles, List<String> queues, Instant expiresAt) {

    List<String> queuesOrEmpty() {
        return queues == null ? List.of() : queues;
    }

    void check(Instant now) {
        Violations violations = new Violations()
                .require(
                        name != null && !name.isBlank() && name.length() <= 100,
                        "name is required (1 to 100 characters)")
                .require(roles != null && !roles.isEmpty(), "roles is required: one or more of " + Roles.ALL)
                .require(expiresAt == null || expiresAt.isAfter(now), "expiresAt must be in the future");
        if (roles != null) {
            roles.forEach(role ->
                    violations.require(Roles.ALL.contains(role), "role '" + role + "' is unknown: use " + Roles.ALL));
        }
        violations.require(queuesOrEmpty().size() <= 20, "at most 20 queue patterns");
        violations.throwIfAny();
        queuesOrEmpty().forEach(QueuePattern::new);
    }
}
