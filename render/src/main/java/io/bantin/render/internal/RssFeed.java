package io.bantin.render.internal;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Builds an RSS 2.0 document with Rome, escaping every text field for the context a reader shows it
 * in. Public only for wiring; not part of the API. One instance per document; not thread-safe.
 *
 * <p>Readers render {@code <description>} as HTML (the spec allows "entity-encoded HTML" there), and
 * many render {@code <title>}, {@code <category>} and {@code <dc:creator>} as HTML too, while others
 * show them literally. So every text bantin puts in the feed is plain text escaped twice: first as
 * HTML ({@link #html(String)}), then as XML by Rome's writer. A reader that decodes the XML and then
 * parses the value as HTML gets the original text back as text, never a tag; a reader that shows a
 * title literally shows an entity for the rare {@code <}, {@code >} or {@code &} in it, which is the
 * price of being safe in both kinds. The description is never the article's HTML body, only its
 * summary (or the body's text), so no markup from an editor reaches a feed reader either.
 */
public final class RssFeed {

    private final Channel channel = new Channel("rss_2.0");
    private final List<Item> items = new ArrayList<>();

    /**
     * Starts a feed.
     *
     * @param title the site's name, plain text
     * @param link the site's address
     * @param description what the feed is, plain text
     * @param language the language code, e.g. {@code vi}
     */
    public RssFeed(String title, String link, String description, String language) {
        channel.setEncoding("UTF-8");
        channel.setTitle(html(title));
        channel.setLink(link);
        channel.setDescription(html(description));
        channel.setLanguage(language);
    }

    /**
     * Sets the channel's {@code lastBuildDate}.
     *
     * @param time when the newest item changed
     */
    public void lastBuildDate(Instant time) {
        channel.setLastBuildDate(Date.from(time));
    }

    /**
     * Adds an item; its guid is its link, a permalink.
     *
     * @param title plain text
     * @param link the article's address
     * @param published the publication time, or {@code null}
     * @param description plain text
     * @param creator the author's name as plain text, or {@code null}
     * @param category the category as plain text, or {@code null}
     */
    public void item(String title, String link, Instant published, String description, String creator,
                     String category) {
        Item item = new Item();
        item.setTitle(html(title));
        item.setLink(link);
        Guid guid = new Guid();
        guid.setValue(link);
        guid.setPermaLink(true);
        item.setGuid(guid);
        if (published != null) {
            item.setPubDate(Date.from(published));
        }
        Description d = new Description();
        d.setType("text/html");
        d.setValue(html(description));
        item.setDescription(d);
        if (creator != null) {
            DCModule dc = new DCModuleImpl();
            dc.setCreator(html(creator));
            List<Module> modules = new ArrayList<>(item.getModules());
            modules.add(dc);
            item.setModules(modules);
        }
        if (category != null) {
            Category c = new Category();
            c.setValue(html(category));
            item.setCategories(List.of(c));
        }
        items.add(item);
    }

    /**
     * Writes the document.
     *
     * @return the RSS as XML
     */
    public String finish() {
        channel.setItems(items);
        try {
            return new WireFeedOutput().outputString(channel, false);
        } catch (FeedException e) {
            throw new IllegalStateException("the feed is built from checked values and cannot be refused", e);
        }
    }

    /**
     * Plain text as HTML text: {@code &}, {@code <} and {@code >} become entities, and characters
     * XML cannot hold are dropped (Rome's XML writer refuses them). Quotes need no escaping: the value
     * is element content, never an attribute.
     *
     * @param text plain text
     * @return HTML that shows exactly that text
     */
    public static String html(String text) {
        String clean = Feeds.clean(text);
        StringBuilder out = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
