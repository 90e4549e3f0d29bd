package dev.jobstore.it.support;

import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;

/** Calls with the admin role. */
@Stateless
@RunAs("admin")
public class AsAdmin extends CallsAs {}
