package dev.jobstore.it.support;

import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;

/** Calls with the worker role. */
@Stateless
@RunAs("worker")
public class AsWorker extends CallsAs {}
