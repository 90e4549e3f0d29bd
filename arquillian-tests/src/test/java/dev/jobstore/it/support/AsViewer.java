package dev.jobstore.it.support;

import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;

/** Calls with the viewer role. */
@Stateless
@RunAs("viewer")
public class AsViewer extends CallsAs {}
