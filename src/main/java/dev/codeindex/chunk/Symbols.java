package dev.codeindex.chunk;

/** What the stores and search read from a chunk's symbol ({@code HashMap.Node.next}, {@code parse_args}). */
public final class Symbols {
    private Symbols() {}

    /** The part after the last dot: {@code HashMap.Node.next} → {@code next}; a symbol without dots whole. */
    public static String lastPart(String symbol) {
        return symbol.substring(symbol.lastIndexOf('.') + 1);
    }
}
