package dev.jobstore.control;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.JobCursor;
import dev.jobstore.job.JobPage;
import dev.jobstore.job.JobQuery;
import dev.jobstore.job.JobStoreException;
import dev.jobstore.job.JobView;
import dev.jobstore.security.Roles;
import dev.jobstore.store.JobStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Applies a control action to many jobs: a selection of ids, or every job that matches a
 * listing filter, one chunk per call so that a caller can show progress and stop. Each job is
 * its own transaction: a job the action does not fit is refused with its reason while the others
 * change. Chunks of a filter follow a cursor in the listing's order (newest first), so jobs
 * created after the first chunk are not touched, and a job changed by the action is not visited
 * twice.
 */
@Stateless
@RolesAllowed(Roles.ADMIN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BulkControl {

    @EJB
    JobControl control;

    @EJB
    JobStore store;

    @Inject
    JobStoreSettings settings;

    /** {@code action} on each of {@code ids} (at most {@code jobstore.list.max-limit}). */
    public BulkOutcome apply(BulkAction action, List<UUID> ids) {
        if (ids.isEmpty() || ids.size() > settings.maxListLimit()) {
            throw new InvalidRequestException(
                    "ids: give 1 to " + settings.maxListLimit() + " job ids (jobstore.list.max-limit)");
        }
        return applyEach(action, new LinkedHashSet<>(ids), null);
    }

    /**
     * {@code action} on the page of jobs that {@code filter} lists after {@code cursor} ({@code
     * null}: from the newest). The outcome's {@code next} is the cursor of the page's last job,
     * which holds even if the action removed that job.
     */
    public BulkOutcome applyToPage(BulkAction action, JobQuery filter, JobCursor cursor) {
        JobPage page = store.list(filter, cursor);
        List<UUID> ids = page.items().stream().map(JobView::id).toList();
        JobCursor next = page.next() == null
                ? null
                : JobCursor.of(page.items().get(page.items().size() - 1));
        return applyEach(action, ids, next);
    }

    private BulkOutcome applyEach(BulkAction action, Iterable<UUID> ids, JobCursor next) {
        int applied = 0;
        List<BulkOutcome.Refusal> refused = new ArrayList<>();
        for (UUID id : ids) {
            try {
                action.applyTo(id, control);
                applied++;
            } catch (JobStoreException e) {
                refused.add(new BulkOutcome.Refusal(id, e));
            }
        }
        return new BulkOutcome(applied, refused, next);
    }
}
