/**
 * RFC 9457 problem details: every error the API returns, with a stable {@code type} per
 * problem (see {@link dev.jobstore.api.problem.ProblemType}) and never a stack trace.
 */
package dev.jobstore.api.problem;
