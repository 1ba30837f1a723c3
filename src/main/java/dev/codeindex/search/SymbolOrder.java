package dev.codeindex.search;

import dev.codeindex.chunk.Symbols;
import dev.codeindex.store.SearchHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Orders the definitions an identifier names, best first: the symbol itself ({@code HashMap.resize}),
 * then a symbol it is the dotted tail of ({@code Outer.HashMap.resize}), then symbols that only
 * share its last part ({@code resize}), those whose path names the identifier's qualifiers first
 * ({@code email.utils.parseaddr} prefers {@code email/utils.py}), then chunks that define the name
 * inside themselves (a helper function nested in another); then the shorter symbol (a module's
 * {@code fileinput.close} before its {@code FileInput.close} method). Ties keep the store's order.
 */
final class SymbolOrder {
    private SymbolOrder() {}

    static List<SearchHit> order(String identifier, List<SearchHit> hits) {
        String id = identifier.toLowerCase(Locale.ROOT);
        String[] parts = id.split("\\.");
        List<SearchHit> out = new ArrayList<>(hits);
        out.sort(Comparator.comparingInt((SearchHit h) -> match(id, h))
                .thenComparing(Comparator.comparingInt((SearchHit h) -> qualifiersInPath(parts, h)).reversed())
                .thenComparingInt(h -> h.symbol().split("\\.").length));
        return out;
    }

    /**
     * 0: the symbol itself, 1: a dotted tail of the symbol, 2: a symbol with the same last part, 3:
     * anything else (a chunk that defines the name inside itself: a nested helper function).
     */
    static int match(String id, SearchHit h) {
        String symbol = h.symbol().toLowerCase(Locale.ROOT);
        if (symbol.equals(id)) {
            return 0;
        }
        if (symbol.endsWith("." + id)) {
            return 1;
        }
        String last = Symbols.lastPart(id);
        return symbol.equals(last) || symbol.endsWith("." + last) ? 2 : 3;
    }

    /** How many of the identifier's qualifiers (all parts but the last) are directories or the file name of the hit. */
    static int qualifiersInPath(String[] parts, SearchHit h) {
        if (parts.length < 2) {
            return 0;
        }
        List<String> segments = new ArrayList<>();
        for (String s : h.path().toLowerCase(Locale.ROOT).split("/")) {
            int dot = s.indexOf('.');
            segments.add(dot > 0 ? s.substring(0, dot) : s);
        }
        int n = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            n += segments.contains(parts[i]) ? 1 : 0;
        }
        return n;
    }
}
