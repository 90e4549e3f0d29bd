package dev.jobstore.security;

import dev.jobstore.job.JobNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;

/**
 * The queues the current caller may use. A caller whose identity carries roles named {@code
 * queue:<pattern>} (a scoped user or token) may use only the queues those patterns match; a
 * caller without such roles may use every queue.
 *
 * <p>Scoping must not reveal which jobs exist: a job outside the scope is reported as not found,
 * while a call that names a queue outside the scope is forbidden.
 */
@ApplicationScoped
public class CallerScope {

    /** The role prefix that marks a queue pattern, as in {@code queue:billing-*}. */
    public static final String QUEUE_ROLE_PREFIX = "queue:";

    /** The patterns the caller is limited to; empty when it may use every queue. */
    public List<QueuePattern> patterns() {
        List<QueuePattern> patterns = new ArrayList<>();
        for (String role : identity().getRoles()) {
            if (role.startsWith(QUEUE_ROLE_PREFIX)) {
                patterns.add(new QueuePattern(role.substring(QUEUE_ROLE_PREFIX.length())));
            }
        }
        return patterns;
    }

    public boolean allows(String queue) {
        List<QueuePattern> patterns = patterns();
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(queue));
    }

    /** Throws {@link ForbiddenException} unless the caller may use {@code queue}. */
    public void requireQueue(String queue) {
        if (!allows(queue)) {
            throw new ForbiddenException("queue '" + queue + "' is outside the queues this caller may use");
        }
    }

    /** Throws {@link JobNotFoundException} unless the caller may see job {@code id} of {@code queue}. */
    public void requireJob(UUID id, String queue) {
        if (!allows(queue)) {
            throw new JobNotFoundException(id);
        }
    }

    /** Throws {@link ForbiddenException} if the caller is limited to some queues. */
    public void requireUnscoped(String what) {
        if (!patterns().isEmpty()) {
            throw new ForbiddenException(what + " spans every queue: it needs a caller not limited to some queues");
        }
    }

    /** The caller's name, for audit lines. */
    public String callerName() {
        return identity().getPrincipal().getName();
    }

    private static SecurityIdentity identity() {
        return SecurityDomain.getCurrent().getCurrentSecurityIdentity();
    }
}
