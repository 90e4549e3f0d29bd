package dev.jobstore.worker;

import dev.jobstore.job.JobView;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * Who works on what, across every node.
 *
 * @param pools    every node's in-process worker pools, as last reported
 * @param holders  running jobs by lease owner and queue
 * @param expiring the running jobs whose leases run out first
 */
@JsonbPropertyOrder({"pools", "holders", "expiring"})
public record WorkersView(List<PoolReport> pools, List<LeaseHolder> holders, List<JobView> expiring) {}
