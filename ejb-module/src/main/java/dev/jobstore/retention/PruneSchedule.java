package dev.jobstore.retention;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.job.Created;
import dev.jobstore.job.Jsonp;
import dev.jobstore.job.NewJob;
import dev.jobstore.security.Roles;
import dev.jobstore.store.JobStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Once a day at {@code jobstore.retention.at} (UTC), every node creates the day's prune: a job
 * on the batch queue that runs {@code prune-finished-jobs}, keyed by the date, so however many
 * nodes fire only one job exists and one node at a time runs it, under its lease. {@code
 * jobstore.retention.enabled=false} turns the schedule off (a run can still be started by hand).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@RunAs(Roles.PRODUCER)
@PermitAll
public class PruneSchedule {

    private static final Logger LOG = Logger.getLogger(PruneSchedule.class.getName());

    @Resource
    TimerService timers;

    @EJB
    JobStore store;

    @Inject
    JobStoreSettings settings;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "jobstore.retention.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "jobstore.retention.at", defaultValue = "03:00")
    String at;

    @PostConstruct
    void schedule() {
        if (enabled) {
            LocalTime time = LocalTime.parse(at);
            timers.createCalendarTimer(
                    new ScheduleExpression()
                            .timezone("UTC")
                            .hour(time.getHour())
                            .minute(time.getMinute())
                            .second(0),
                    new TimerConfig("jobstore-prune", false));
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onSchedule() {
        try {
            createTodaysPrune();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not create today's prune of finished jobs; tomorrow's timer tries again", e);
        }
    }

    /**
     * Creates today's prune job on the batch queue, or answers the one that exists: what the
     * timer does on every node, also for an admin to call.
     */
    @RolesAllowed(Roles.ADMIN)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Created createTodaysPrune() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return store.create(
                settings.batchQueue(),
                NewJob.of(Jsonp.PROVIDER
                                .createObjectBuilder()
                                .add("batchJob", PruneParameters.JOB)
                                .build())
                        .withKey(PruneParameters.JOB + "-" + today));
    }
}
