package dev.jobstore.job;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.UUID;

/**
 * One page of a listing, newest first. Pass {@code next} as {@code after} for the following
 * page; it is {@code null} on the last page.
 */
@JsonbPropertyOrder({"items", "next"})
public record JobPage(List<JobView> items, UUID next) {}
