package dev.jobstore.cluster;

import dev.jobstore.schema.DatabaseVendor;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;

/**
 * Tells the other nodes that a channel (a queue, or the notification channel) may have work:
 * on PostgreSQL a {@code pg_notify} in the caller's transaction, which PostgreSQL delivers to
 * every listening node when, and only if, that transaction commits. On H2 (one node) nothing.
 */
@Stateless
public class ClusterSignals {

    static final String PG_CHANNEL = "jobstore_wake";

    /** This node, so that it can ignore its own notifications (it wakes its waiters directly). */
    static final String NODE = UUID.randomUUID().toString();

    @PersistenceContext
    EntityManager em;

    @Inject
    DatabaseVendor vendor;

    public void announce(String channel) {
        if (vendor.isPostgresql()) {
            em.createNativeQuery("select 1 from (select pg_notify('" + PG_CHANNEL + "', :payload)) as sent")
                    .setParameter("payload", NODE + " " + channel)
                    .setFlushMode(FlushModeType.COMMIT) // it reads no table: the caller's writes may wait
                    .getSingleResult();
        }
    }

    /** The channel of a notification from another node, or null for this node's own. */
    static String channelFrom(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0 || payload.substring(0, space).equals(NODE)) {
            return null;
        }
        return payload.substring(space + 1);
    }
}
