package dev.codeindex.index;

import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.ManifestEntry;

/** Keeps the manifest's running totals in step with its entries (same transaction). */
final class Totals {
    static final String FILES = "files";
    static final String CHUNKS = "chunks";
    static final String FUNCTIONS = "functions";
    static final String CLASSES = "classes";
    static final String IMPORTS = "imports";
    static final String PARSE_FALLBACK = "parseFallback";
    /** Files with at least one secret redacted. */
    static final String REDACTED = "redacted";
    static final String LANG = "lang.";
    static final String SKIP = "skip.";

    private Totals() {}

    /** Removes {@code old}'s contribution (if any) and adds {@code now}'s (if any). */
    static void replace(Manifest m, ManifestEntry old, ManifestEntry now) {
        if (old != null) {
            apply(m, old, -1);
        }
        if (now != null) {
            apply(m, now, +1);
        }
    }

    private static void apply(Manifest m, ManifestEntry e, int sign) {
        if (e.state() != FileState.INDEXED) {
            m.addTotal(SKIP + e.state().name(), sign);
            return;
        }
        m.addTotal(FILES, sign);
        m.addTotal(LANG + e.language(), sign);
        m.addTotal(CHUNKS, sign * (long) e.chunks().size());
        m.addTotal(FUNCTIONS, sign * e.symbols().functions());
        m.addTotal(CLASSES, sign * e.symbols().classes());
        m.addTotal(IMPORTS, sign * e.symbols().imports());
        if (e.parseFallback()) {
            m.addTotal(PARSE_FALLBACK, sign);
        }
        if (e.redactions() > 0) {
            m.addTotal(REDACTED, sign);
        }
    }
}
