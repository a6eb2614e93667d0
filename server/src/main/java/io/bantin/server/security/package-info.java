/**
 * Editors and their sessions: the accounts, password hashing, logins with their throttle and
 * cross-site check, session cookies and CSRF tokens, responses kept private for a session, and the
 * client address behind trusted proxies. Accounts, sessions and the throttle's counts live in the
 * database (the server's own SQL stores: {@link io.bantin.server.security.AdminAccounts},
 * {@link io.bantin.server.security.SessionStore} and the throttle's counts), so that every server on
 * one database accepts what any of them began. Depends on {@code http} only.
 */
package io.bantin.server.security;
