package dev.jobstore.load;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The benchmark endpoints under /jobstore-load/. */
@ApplicationPath("/")
public class BenchApplication extends Application {}
