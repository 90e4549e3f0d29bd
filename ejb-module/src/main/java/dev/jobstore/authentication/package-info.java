/**
 * Authentication of HTTP requests (Jakarta Security): HTTP Basic against the server's Elytron
 * realm, or an API token as a bearer credential. It lives beside the EJBs, not in the web
 * module, because a mechanism applies to every web module of the application: the API's, and
 * any WAR an application deploys with the store; each module's own security constraints decide
 * which of its paths need a caller. The identity it establishes is the one the store's EJBs
 * check roles and queue scopes against.
 */
package dev.jobstore.authentication;
