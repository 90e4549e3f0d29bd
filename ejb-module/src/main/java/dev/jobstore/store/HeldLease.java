package dev.jobstore.store;

import java.util.UUID;

/** A lease a holder names in a batch call (release, heartbeat): the job and the token its pull granted. */
public record HeldLease(UUID jobId, String token) {}
