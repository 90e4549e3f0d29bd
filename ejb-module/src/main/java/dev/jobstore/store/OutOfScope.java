package dev.jobstore.store;

import dev.jobstore.security.CallerScope;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The jobs a caller limited to some queues may not touch, read before anything else about them
 * is: such a caller is answered "not found" for them, never why a token of theirs is refused.
 * Their queues are read as values, so no job becomes an entity of the persistence context here.
 */
final class OutOfScope {

    private OutOfScope() {}

    /** Those of {@code ids} that do not exist or whose queue {@code scope} does not allow. */
    static Set<UUID> among(EntityManager em, CallerScope scope, Collection<UUID> ids) {
        Set<UUID> outside = new HashSet<>();
        if (ids.isEmpty() || scope.patterns().isEmpty()) {
            return outside;
        }
        Map<UUID, String> queues = new HashMap<>();
        em.createQuery("select j.id, j.queue from Job j where j.id in :ids", Object[].class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(row -> queues.put((UUID) row[0], (String) row[1]));
        for (UUID id : ids) {
            String queue = queues.get(id);
            if (queue == null || !scope.allows(queue)) {
                outside.add(id);
            }
        }
        return outside;
    }
}
