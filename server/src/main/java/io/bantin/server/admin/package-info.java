/**
 * The admin area behind "Đăng nhập": the login form, the article list and editor, the dashboard,
 * and the baseline ({@code PUT /api/admin/baseline}). Depends on {@code http}, {@code security},
 * {@code articles} and {@code pages} (the layout).
 */
package io.bantin.server.admin;
