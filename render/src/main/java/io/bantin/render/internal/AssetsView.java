package io.bantin.render.internal;

/**
 * The addresses of the reader assets. Public only for the precompiled templates.
 *
 * @param readerCss reader.css
 * @param printCss print.css
 * @param prefsJs prefs.js, loaded blocking in the head
 * @param readerJs reader.js, deferred
 */
public record AssetsView(String readerCss, String printCss, String prefsJs, String readerJs) {
}
