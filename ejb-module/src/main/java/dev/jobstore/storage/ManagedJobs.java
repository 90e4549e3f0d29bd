package dev.jobstore.storage;

import dev.jobstore.job.Job;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/** Which jobs the current persistence context holds as entities, without loading any. */
final class ManagedJobs {

    private ManagedJobs() {}

    static boolean isManaged(EntityManager em, UUID id) {
        SessionImplementor session = em.unwrap(SessionImplementor.class);
        EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(Job.class);
        return session.getPersistenceContextInternal().getEntity(session.generateEntityKey(id, persister)) != null;
    }
}
