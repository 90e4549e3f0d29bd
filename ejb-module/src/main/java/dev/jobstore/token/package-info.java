/**
 * API tokens: secrets an admin issues to workers and services, stored only as a hash in the
 * store's database so that every node accepts a token, and forgets a revoked one, at once.
 */
package dev.jobstore.token;
