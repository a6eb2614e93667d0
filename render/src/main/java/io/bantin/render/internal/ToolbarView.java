package io.bantin.render.internal;

/**
 * What the reader toolbar template shows. Public only for the precompiled templates.
 *
 * @param printUrl the print view's address
 * @param labels the labels
 */
public record ToolbarView(String printUrl, Labels labels) {
}
