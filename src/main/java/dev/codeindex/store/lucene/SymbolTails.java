package dev.codeindex.store.lucene;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The dotted names a definition answers to besides its own: every tail of at least two parts of
 * its path-qualified name. {@code py/email/utils.py} + {@code parseaddr} answers to
 * {@code utils.parseaddr}, {@code email.utils.parseaddr}, {@code py.email.utils.parseaddr};
 * {@code java/util/HashMap.java} + {@code HashMap.Node.next} to {@code node.next},
 * {@code hashmap.node.next}, {@code util.hashmap.node.next}, {@code java.util.hashmap.node.next}.
 * A file named like the symbol's first part (Java's class per file) or {@code __init__} (a Python
 * package) adds no part of its own. Lower case, as symbol look-up ignores case.
 */
final class SymbolTails {
    private SymbolTails() {}

    static List<String> of(String path, String symbol) {
        if (symbol.isEmpty()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>(Arrays.asList(path.toLowerCase(Locale.ROOT).split("/")));
        String file = parts.remove(parts.size() - 1);
        int dot = file.indexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        List<String> symbolParts = Arrays.asList(symbol.toLowerCase(Locale.ROOT).split("\\."));
        if (!stem.equals(symbolParts.get(0)) && !stem.equals("__init__") && !stem.isEmpty()) {
            parts.add(stem);
        }
        parts.addAll(symbolParts);
        List<String> out = new ArrayList<>();
        StringBuilder tail = new StringBuilder(parts.get(parts.size() - 1));
        for (int i = parts.size() - 2; i >= 0; i--) {
            if (parts.get(i).isEmpty()) {
                break;
            }
            tail.insert(0, parts.get(i) + ".");
            out.add(tail.toString());
        }
        return out;
    }
}
