package dev.jobstore.store;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.job.Fulfillment;
import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.JobNotFoundException;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobStoreException;
import dev.jobstore.job.LapsedLeases;
import dev.jobstore.lease.LeaseLength;
import dev.jobstore.security.CallerScope;
import dev.jobstore.security.Roles;
import dev.jobstore.storage.JobStorage;
import dev.jobstore.store.HolderAnswer.HolderAction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A remote worker's writes on many leases in one transaction: batch acknowledgement (fulfill,
 * fail, release) and batch heartbeat. Each job is checked against its own token, and one that
 * is refused (lease lost, not found, value too large) is left alone without spoiling the
 * others: the answer says, job by job, what was stored and why the rest was refused. A request
 * that is malformed as a whole (no job, too many, a job without token, a job named twice)
 * changes nothing.
 */
@Stateless
public class LeaseBatches {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    JobStoreSettings settings;

    @Inject
    Fulfilling fulfilling;

    @Inject
    Holding holding;

    @Inject
    CallerScope scope;

    @Inject
    JobStorage storage;

    /** Fulfills, fails and releases the named leases; answers in that order, each list in its own order. */
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public List<HolderAnswer> acknowledge(
            List<Fulfillment> fulfill, List<FailedAttempt> fail, List<HeldLease> release) {
        List<Fulfillment> fulfills = orEmpty(fulfill);
        List<FailedAttempt> failures = orEmpty(fail);
        List<HeldLease> releases = orEmpty(release);
        List<HeldLease> failed = failures.stream()
                .map(each -> new HeldLease(each.jobId(), each.token()))
                .toList();
        List<HeldLease> named = Stream.of(
                        fulfills.stream().map(each -> new HeldLease(each.jobId(), each.token())),
                        failed.stream(),
                        releases.stream())
                .flatMap(kind -> kind)
                .toList();
        requireWellNamed(named);
        // Only a lease's current holder locks its job's row (the fulfill statement skips the
        // others, and the lapsed fails and releases are refused below as last committed): two
        // acknowledgements naming the same jobs, one with their current leases and one with
        // lapsed ones, so never wait on each other in a cycle.
        Map<UUID, JobStoreException> refused = new HashMap<>();
        OutOfScope.among(em, scope, named.stream().map(HeldLease::jobId).toList())
                .forEach(id -> refused.put(id, new JobNotFoundException(id)));
        refused.putAll(LapsedLeases.refusals(
                em,
                tokensOf(Stream.concat(failed.stream(), releases.stream())
                        .filter(each -> !refused.containsKey(each.jobId()))),
                clock.instant()));
        refused.putAll(fulfilling.fulfillAll(fulfills.stream()
                .filter(each -> !refused.containsKey(each.jobId()))
                .toList()));
        List<HolderAnswer> answers = new ArrayList<>(named.size());
        for (Fulfillment each : fulfills) {
            answers.add(answer(each.jobId(), HolderAction.FULFILL, refused, () -> JobStatus.FULFILLED));
        }
        for (FailedAttempt each : failures) {
            answers.add(answer(
                    each.jobId(),
                    HolderAction.FAIL,
                    refused,
                    () -> holding.fail(each.jobId(), each.token(), each.error(), each.retry())
                            .status(clock.instant())));
        }
        for (HeldLease each : releases) {
            answers.add(answer(
                    each.jobId(),
                    HolderAction.RELEASE,
                    refused,
                    () -> holding.release(each.jobId(), each.token()).status(clock.instant())));
        }
        em.flush();
        return answers;
    }

    /** Extends each named lease to now + {@code length} (the default length if null). */
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public List<HolderAnswer> heartbeat(List<HeldLease> leases, Duration length) {
        LeaseLength.resolve(length, settings);
        List<HeldLease> named = orEmpty(leases);
        requireWellNamed(named);
        // A heartbeat never waits on a row lock, so it can never be one side of a deadlock with
        // an acknowledgement (or any write) taking the same jobs in another order: a job another
        // transaction is writing at this moment is answered unextended, and renewed next time.
        Set<UUID> free =
                storage.lockUnlessBusy(named.stream().map(HeldLease::jobId).toList());
        List<HolderAnswer> answers = new ArrayList<>(named.size());
        for (HeldLease each : named) {
            try {
                Instant expiresAt = free.contains(each.jobId())
                        ? holding.heartbeat(each.jobId(), each.token(), length)
                        : holding.unextended(each.jobId(), each.token());
                answers.add(new HolderAnswer(each.jobId(), HolderAction.HEARTBEAT, JobStatus.RUNNING, expiresAt, null));
            } catch (JobStoreException refusal) {
                answers.add(HolderAnswer.refused(each.jobId(), HolderAction.HEARTBEAT, refusal));
            }
        }
        em.flush();
        return answers;
    }

    /** The answer for a job: its refusal if it has one, else the status {@code write} leaves, or why that refused. */
    private static HolderAnswer answer(
            UUID id, HolderAction action, Map<UUID, JobStoreException> refused, Supplier<JobStatus> write) {
        JobStoreException refusal = refused.get(id);
        if (refusal == null) {
            try {
                return HolderAnswer.stored(id, action, write.get());
            } catch (JobStoreException thrown) {
                refusal = thrown;
            }
        }
        return HolderAnswer.refused(id, action, refusal);
    }

    private static Map<UUID, String> tokensOf(Stream<HeldLease> leases) {
        Map<UUID, String> tokens = new HashMap<>();
        leases.forEach(each -> tokens.put(each.jobId(), each.token()));
        return tokens;
    }

    private void requireWellNamed(List<HeldLease> named) {
        if (named.isEmpty() || named.size() > settings.maxAcks()) {
            throw new InvalidRequestException(
                    "name between 1 and " + settings.maxAcks() + " jobs (jobstore.ack.max-batch)");
        }
        Set<UUID> seen = new HashSet<>();
        for (HeldLease each : named) {
            if (each == null
                    || each.jobId() == null
                    || each.token() == null
                    || each.token().isBlank()) {
                throw new InvalidRequestException("every job needs its id and its lease token");
            }
            if (!seen.add(each.jobId())) {
                throw new InvalidRequestException("job " + each.jobId() + " is named twice; name each job once");
            }
        }
    }

    private static <T> List<T> orEmpty(List<T> items) {
        return items == null ? List.of() : items;
    }
}
