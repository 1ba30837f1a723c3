package dev.codeindex.cli;

import dev.codeindex.api.Coverage;
import java.util.Locale;

/** The one line {@code search} and {@code status} print about coverage when search does not see the whole tree. */
final class CoverageText {
    private CoverageText() {}

    /**
     * {@code Coverage: 300 files keyword-indexed, 120 embedded, 546 waiting (an index pass is running):
     * results may be incomplete.}; null when coverage is complete or not known to be incomplete.
     */
    static String line(Coverage c) {
        if (c == null || c.complete()) {
            return null;
        }
        if (c.keyword() < 0) {
            return "Coverage: " + counts(c) + ": results hold only what it has committed;"
                    + " `codeindex status` shows its progress.";
        }
        return "Coverage: " + counts(c) + ": results may be incomplete.";
    }

    /** {@code 300 files keyword-indexed, 120 embedded, 546 waiting (an index pass is running)}. */
    static String counts(Coverage c) {
        String running = c.inFlight() ? " (an index pass is running)" : "";
        if (c.keyword() < 0) {
            return "not known yet" + running;
        }
        String waiting = c.files() < 0 ? "how many wait is not known yet"
                : String.format(Locale.ROOT, "%,d waiting", c.files() - c.keyword());
        String embedded = c.embedded() < 0 ? "an unknown number" : String.format(Locale.ROOT, "%,d", c.embedded());
        return String.format(Locale.ROOT, "%,d files keyword-indexed, %s embedded, %s%s", c.keyword(), embedded,
                waiting, running);
    }
}
