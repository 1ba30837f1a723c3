package dev.codeindex.chunk;

/**
 * What the stores and search read from a chunk's symbol ({@code HashMap.Node.next}, {@code parse_args})
 * and language.
 */
public final class Symbols {
    private Symbols() {}

    /** Whether chunks of this language are prose, chunked by section (Markdown, reStructuredText, AsciiDoc). */
    public static boolean isProse(String language) {
        return ProseSections.LANGUAGES.contains(language);
    }

    /** The part after the last dot: {@code HashMap.Node.next} → {@code next}; a symbol without dots whole. */
    public static String lastPart(String symbol) {
        return symbol.substring(symbol.lastIndexOf('.') + 1);
    }
}
