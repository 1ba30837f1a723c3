package dev.codeindex.index;

import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.ManifestEntry;

/**
 * Keeps the manifest's running totals, and its queue of files whose vectors are pending, in step with
 * its entries (same transaction): every change of an entry goes through {@link #replace}.
 */
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
    /** Indexed files whose chunks are stored without vectors so far (the API's {@code Coverage.UNEMBEDDED}). */
    static final String UNEMBEDDED = "unembedded";

    private Totals() {}

    /** Removes {@code old}'s contribution (if any) and adds {@code now}'s (if any). */
    static void replace(Manifest m, String relPath, ManifestEntry old, ManifestEntry now) {
        if (old != null) {
            apply(m, old, -1);
            if (old.awaitsVectors()) {
                m.unqueueVectors(queueKey(relPath, old));
            }
        }
        if (now != null) {
            apply(m, now, +1);
            if (now.awaitsVectors()) {
                m.queueVectors(queueKey(relPath, now), relPath);
            }
        }
    }

    /** Where a file whose vectors are pending sits in the embedding queue. */
    static String queueKey(String relPath, ManifestEntry e) {
        return EmbedOrder.key(new EmbedOrder.File(relPath, e.language(), e.mtimeMillis()));
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
        if (e.vectorsPending()) {
            m.addTotal(UNEMBEDDED, sign);
        }
    }
}
