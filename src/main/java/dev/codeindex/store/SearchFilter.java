package dev.codeindex.store;

/**
 * Restricts a search.
 *
 * @param language   only this language id, or null for any
 * @param pathPrefix only paths starting with this, or null for any
 */
public record SearchFilter(String language, String pathPrefix) {
    public static final SearchFilter NONE = new SearchFilter(null, null);
}
