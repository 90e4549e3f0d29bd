/**
 * Who may do what: the roles the store's EJBs require, and the queue scope a caller may be
 * limited to. Authentication happens in front of the store (the web module, or an in-server
 * caller's own identity); this package only reads the identity a call arrives with.
 */
package dev.jobstore.security;
