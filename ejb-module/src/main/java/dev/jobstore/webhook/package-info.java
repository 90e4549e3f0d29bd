/**
 * The built-in webhook deliverer: a target {@code {"url": "http(s)://…"}} is POSTed the job's
 * value by the server itself, on the managed executor, with bounded retries and backoff. Every
 * attempt is recorded in the database first, so a restart in the middle loses nothing.
 */
package dev.jobstore.webhook;
