package dev.codeindex.watch;

/**
 * Why the whole tree is compared with the manifest again instead of the marked paths only. The
 * loop decides by {@link #kind()}; people read {@link #text()} in logs and in {@code /status}.
 */
public record Rescan(Kind kind, String text) {
    public enum Kind {
        /** The first pass after start: finds what changed while the daemon was down. */
        INITIAL,
        /** The safety-net timer (or the timed rescans of a tree that cannot be watched). */
        PERIODIC,
        /** The watcher was replaced: events may have been missed in between. */
        WATCHER_REARMED,
        /** The watcher reported an overflow or an error: events were lost. */
        EVENTS_LOST,
        /** The watcher stopped on its own. */
        WATCHER_STOPPED,
        /** An ignore file changed: what is indexed may have changed anywhere. */
        RULES_CHANGED,
        /** Too many distinct paths at once to remember them one by one. */
        TOO_MANY_CHANGES,
        /** A sync barrier without a watcher to carry its cookie. */
        SYNC_WITHOUT_WATCHER,
        /** A user or a client asked. */
        REQUESTED
    }

    public Rescan {
        if (kind == null || text == null) {
            throw new IllegalArgumentException("a rescan has a kind and a text");
        }
    }

    /**
     * Whether what this rescan will find is known before it runs: a timer's check and the first pass name no
     * file known to have changed (their findings are counted where their scan records them); after lost
     * events, changed rules or a request, how much is pending is not known until the scan has run.
     */
    public boolean findingsKnown() {
        return kind == Kind.PERIODIC || kind == Kind.INITIAL;
    }

    /**
     * Whether this rescan reads the files whose size and mtime are unchanged and compares their content: only
     * one a user asked for (it may follow a copy that kept the mtime); the others, run often, go by stat.
     */
    public boolean comparesContent() {
        return kind == Kind.REQUESTED;
    }

    public static Rescan initial() {
        return new Rescan(Kind.INITIAL, "initial pass");
    }

    public static Rescan periodic() {
        return new Rescan(Kind.PERIODIC, "periodic rescan");
    }

    public static Rescan requested(String by) {
        return new Rescan(Kind.REQUESTED, by);
    }

    public static Rescan of(Kind kind, String text) {
        return new Rescan(kind, text);
    }

    @Override
    public String toString() {
        return text;
    }
}
