package dev.codeindex.store;

/**
 * Restricts a search.
 *
 * @param language   only this language id, or null for any
 * @param pathPrefix only paths starting with this, or null for any
 * @param kind       only chunks of this kind ("function", "method", "class", …, lower case), or null for any
 */
public record SearchFilter(String language, String pathPrefix, String kind) {
    public static final SearchFilter NONE = new SearchFilter(null, null, null);

    /** A filter of any kind. */
    public SearchFilter(String language, String pathPrefix) {
        this(language, pathPrefix, null);
    }
}
