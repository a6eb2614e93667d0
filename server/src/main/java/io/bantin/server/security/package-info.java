/**
 * Editors and their sessions: the accounts (the server's one SQL store), password hashing,
 * logins with their throttle and cross-site check, session cookies and CSRF tokens, responses kept
 * private for a session, and the client address behind trusted proxies. Depends on
 * {@code http} only.
 */
package io.bantin.server.security;
