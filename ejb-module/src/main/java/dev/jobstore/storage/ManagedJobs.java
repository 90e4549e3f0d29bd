package dev.jobstore.storage;

import dev.jobstore.job.Job;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import java.util.function.Predicate;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/** Which jobs the current persistence context holds as entities, without loading any. */
final class ManagedJobs {

    private ManagedJobs() {}

    /** Looked up once per group: a group commit in a transaction of its own holds no entity at all. */
    static Predicate<UUID> in(EntityManager em) {
        SessionImplementor session = em.unwrap(SessionImplementor.class);
        PersistenceContext context = session.getPersistenceContextInternal();
        if (context.getNumberOfManagedEntities() == 0) {
            return id -> false;
        }
        EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(Job.class);
        return id -> context.getEntity(session.generateEntityKey(id, persister)) != null;
    }
}
