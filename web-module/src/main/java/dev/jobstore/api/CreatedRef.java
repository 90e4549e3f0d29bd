package dev.jobstore.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.UUID;

/**
 * One item of a batch create's minimal answer ({@code Prefer: return=minimal}): the job's id,
 * and whether this call created it (false: a job of the same key already existed).
 */
@JsonbPropertyOrder({"id", "created"})
public record CreatedRef(UUID id, boolean created) {}
