package dev.jobstore.token;

import dev.jobstore.security.CallerScope;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Who a valid token speaks for: its caller name and the groups (roles and queue scopes) it carries. */
public record TokenCaller(String name, List<String> roles, List<String> queues) {

    /** The prefix of a token's caller name, so a token never passes for a user of the same name. */
    public static final String NAME_PREFIX = "token:";

    public Set<String> groups() {
        Set<String> groups = new HashSet<>(roles);
        queues.forEach(pattern -> groups.add(CallerScope.QUEUE_ROLE_PREFIX + pattern));
        return groups;
    }
}
