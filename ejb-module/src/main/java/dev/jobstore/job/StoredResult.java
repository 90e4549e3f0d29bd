package dev.jobstore.job;

/** A fulfilled job's value, exactly as the worker sent it, with its content type. */
public record StoredResult(String contentType, byte[] content) {}
