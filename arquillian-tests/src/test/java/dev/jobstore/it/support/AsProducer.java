package dev.jobstore.it.support;

import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;

/** Calls with the producer role. */
@Stateless
@RunAs("producer")
public class AsProducer extends CallsAs {}
