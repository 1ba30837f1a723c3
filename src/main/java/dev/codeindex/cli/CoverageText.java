package dev.codeindex.cli;

import dev.codeindex.api.Coverage;
import java.util.Locale;

/** The one line {@code search} and {@code status} print about coverage when search does not see the whole tree. */
final class CoverageText {
    private CoverageText() {}

    /**
     * {@code Coverage: 300 files keyword-indexed, 120 embedded (180 waiting for vectors), 546 more waiting to be
     * indexed (an index pass is running):
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

    /**
     * {@code 300 files keyword-indexed, 120 embedded (180 waiting for vectors), 546 more waiting to be indexed
     * (an index pass is running)}: files not indexed yet and indexed files without vectors are told apart.
     */
    static String counts(Coverage c) {
        String running = c.inFlight() ? " (an index pass is running)" : "";
        if (c.keyword() < 0) {
            return "not known yet" + running;
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%,d %s keyword-indexed, ", c.keyword(),
                c.keyword() == 1 ? "file" : "files"));
        if (c.embedded() < 0) {
            b.append("an unknown number embedded");
        } else {
            b.append(String.format(Locale.ROOT, "%,d embedded", c.embedded()));
            if (c.embedded() < c.keyword()) {
                b.append(String.format(Locale.ROOT, " (%,d waiting for vectors)", c.keyword() - c.embedded()));
            }
        }
        if (c.files() < 0) {
            b.append(", how many more wait to be indexed is not known yet");
        } else if (c.files() > c.keyword()) {
            b.append(String.format(Locale.ROOT, ", %,d more waiting to be indexed", c.files() - c.keyword()));
        }
        return b.append(running).toString();
    }
}
