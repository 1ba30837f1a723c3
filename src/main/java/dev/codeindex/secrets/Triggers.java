package dev.codeindex.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, in one pass over a text, where any rule's hint words start: a table keyed by the
 * lower-cased three characters a hint starts with is looked up at every position (a rolling key,
 * one probe), and only on a hit is the hint compared. Dozens of substring searches per file cost
 * dozens of passes; this costs one. Immutable and thread-safe.
 */
final class Triggers {
    /** A hint of rule {@code rule} (its index in the rule list), the {@code index}-th of its hints. */
    record Hint(String text, boolean ignoreCase, int rule, int index) {}

    /** Where the hints of each rule occur in one text: positions and which hint. */
    static final class Hits {
        final int[][] positions;
        final int[][] hints;
        final int[] sizes;

        Hits(int rules) {
            positions = new int[rules][];
            hints = new int[rules][];
            sizes = new int[rules];
        }

        void add(int rule, int pos, int hint) {
            int n = sizes[rule];
            if (positions[rule] == null) {
                positions[rule] = new int[8];
                hints[rule] = new int[8];
            } else if (n == positions[rule].length) {
                positions[rule] = java.util.Arrays.copyOf(positions[rule], n * 2);
                hints[rule] = java.util.Arrays.copyOf(hints[rule], n * 2);
            }
            positions[rule][n] = pos;
            hints[rule][n] = hint;
            sizes[rule] = n + 1;
        }

        int count(int rule) {
            return sizes[rule];
        }
    }

    private static final int BITS = 12;
    private final int rules;
    private final int[] keys = new int[1 << BITS];
    private final Hint[][] slots = new Hint[1 << BITS][];

    Triggers(int rules, List<Hint> hints) {
        this.rules = rules;
        Map<Integer, List<Hint>> byKey = new LinkedHashMap<>();
        for (Hint h : hints) {
            if (h.text().length() < 3) {
                throw new IllegalArgumentException("a hint needs three characters: " + h.text());
            }
            byKey.computeIfAbsent(key(h.text()), k -> new ArrayList<>()).add(h);
        }
        if (byKey.size() > keys.length / 2) {
            throw new IllegalArgumentException("too many hints: " + byKey.size());
        }
        byKey.forEach((k, list) -> {
            int s = slot(k);
            while (keys[s] != 0) {
                s = (s + 1) & (keys.length - 1);
            }
            keys[s] = k;
            slots[s] = list.toArray(Hint[]::new);
        });
    }

    private static int key(String hint) {
        int k = 0;
        for (int i = 0; i < 3; i++) {
            k = (k << 7) | fold(hint.charAt(i));
        }
        return k;
    }

    /** ASCII lower-cased to 7 bits; anything else 0, which no hint holds. */
    private static int fold(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c + ('a' - 'A');
        }
        return c < 128 ? c : 0;
    }

    private static int slot(int key) {
        return (key * 0x9E3779B1) >>> (32 - BITS);
    }

    Hits scan(String text) {
        Hits hits = new Hits(rules);
        int n = text.length();
        int k = 0;
        for (int i = 0; i < n; i++) {
            k = ((k << 7) | fold(text.charAt(i))) & 0x1FFFFF;
            if (i < 2) {
                continue;
            }
            int s = slot(k);
            while (keys[s] != 0) {
                if (keys[s] == k) {
                    int start = i - 2;
                    for (Hint h : slots[s]) {
                        if (text.regionMatches(h.ignoreCase(), start, h.text(), 0, h.text().length())) {
                            hits.add(h.rule(), start, h.index());
                        }
                    }
                    break;
                }
                s = (s + 1) & (keys.length - 1);
            }
        }
        return hits;
    }
}
