package dev.jobstore.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the resources at {@code /jobstore/api}. */
@ApplicationPath("api")
public class JobStoreApi extends Application {}
