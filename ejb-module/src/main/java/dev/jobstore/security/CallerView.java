package dev.jobstore.security;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * Who the caller is, as the dashboard needs it to show only what the caller may do.
 *
 * @param roles  the store's roles the caller has
 * @param queues the queue patterns the caller is limited to; empty when it may use every queue
 */
@JsonbPropertyOrder({"name", "roles", "queues"})
public record CallerView(String name, List<String> roles, List<String> queues) {}
