/**
 * Notifications: targets queued on a job, and notification leases that hand a fulfilled job's
 * pending targets to one notifier at a time, with the same fencing as work leases. Webhook
 * targets are delivered by the server itself (see {@code dev.jobstore.webhook}).
 */
package dev.jobstore.notification;
