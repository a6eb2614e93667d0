package io.bantin.server;

/** What the server says about an exception in one line: its innermost cause. */
final class Failures {
    private Failures() {
    }

    /** The innermost cause of {@code e} ({@code e} itself when it has none). */
    static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
