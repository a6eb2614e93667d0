package io.bantin.server.pages;

import java.util.List;

/**
 * What the shared page layout needs: the site's name, navigation, the sidebar's stats box and the
 * pieces of {@code <head>}. The HTML strings are trusted output of the core's renderer or of our
 * own templates, never user input.
 *
 * @param siteName the portal's name
 * @param title the page title, used when {@code headHtml} brings no {@code <title>}
 * @param headHtml extra tags for {@code <head>} (the core's {@code headTags}); empty for none
 * @param assetsHtml the core's reader asset tags ({@code headAssets})
 * @param siteCss URL of the server's stylesheet (fingerprinted)
 * @param siteJs URL of the server's script (fingerprinted)
 * @param nav category links
 * @param statsBoxHtml the rendered stats box
 * @param editor whether an editor is logged in
 * @param csrfToken the session's CSRF token, or empty
 * @param noindex whether search engines should skip this page
 */
public record PageLayout(String siteName, String title, String headHtml, String assetsHtml, String siteCss,
                         String siteJs, List<NavLink> nav, String statsBoxHtml, boolean editor, String csrfToken,
                         boolean noindex) {
    /** Copies the navigation. */
    public PageLayout {
        nav = List.copyOf(nav);
    }

    /** This layout with another stats box. */
    public PageLayout withStatsBox(String html) {
        return new PageLayout(siteName, title, headHtml, assetsHtml, siteCss, siteJs, nav, html, editor, csrfToken, noindex);
    }

    /** A navigation link. */
    public record NavLink(String label, String href, boolean current) {
    }
}
