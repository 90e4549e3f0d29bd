package dev.jobstore.authentication;

import java.util.Set;

/** An authenticated caller: its name and its groups (roles, and {@code queue:} scopes). */
record Caller(String name, Set<String> groups) {}
