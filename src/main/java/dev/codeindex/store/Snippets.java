package dev.codeindex.store;

/** The snippet a store keeps beside a chunk's point: its text, cut short at a line end. */
public final class Snippets {
    /** At most this many characters, the same in every store, so both answer alike. */
    public static final int MAX_CHARS = 400;

    private Snippets() {}

    /**
     * {@code text} whole when it fits in {@link #MAX_CHARS}; else its whole lines that fit, followed by
     * {@code …}; when even the first line does not fit, that line up to its last space that fits.
     */
    public static String of(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = text.lastIndexOf('\n', MAX_CHARS - 1);
        if (end <= 0) {
            end = text.lastIndexOf(' ', MAX_CHARS - 2);
            end = end > 0 ? end : MAX_CHARS - 1;
            return text.substring(0, end) + "…";
        }
        return text.substring(0, end + 1) + "…";
    }
}
