package dev.codeindex.index;

import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.ManifestEntry;

/** Applies one {@link FileOutcome} to the manifest and the run's counters (indexing thread only). */
final class OutcomeApplier {
    private OutcomeApplier() {}

    static void apply(Manifest m, FileOutcome o, ManifestEntry old, RunCounters c) {
        m.removePending(o.relPath());
        m.unmarkGone(o.relPath()); // present after all
        if (o.encodingFallback()) {
            c.encodingFallback++;
        }
        switch (o.kind()) {
            case VANISHED -> {
                if (old != null) {
                    m.remove(o.relPath());
                    Totals.replace(m, o.relPath(), old, null);
                    c.deleted++;
                }
            }
            case SAME_CONTENT -> {
                m.put(o.relPath(), o.entry());
                Totals.replace(m, o.relPath(), old, o.entry());
                c.unchanged++;
            }
            case MOVED -> {
                if (m.isGone(o.reusedFrom())) {
                    ManifestEntry from = m.get(o.reusedFrom()).orElse(null);
                    m.remove(o.reusedFrom());
                    m.unmarkGone(o.reusedFrom());
                    Totals.replace(m, o.reusedFrom(), from, null);
                    c.moved++;
                } else {
                    c.indexed++; // another file of this batch took the move; this one is a copy
                }
                m.put(o.relPath(), o.entry());
                Totals.replace(m, o.relPath(), old, o.entry());
            }
            case COPIED, SKIPPED -> {
                m.put(o.relPath(), o.entry());
                Totals.replace(m, o.relPath(), old, o.entry());
                if (o.kind() == FileOutcome.Kind.COPIED) {
                    c.indexed++;
                }
            }
            case CHUNKED -> {
                m.put(o.relPath(), o.entry());
                Totals.replace(m, o.relPath(), old, o.entry());
                c.indexed++;
                c.chunksMade += o.chunks().size();
            }
        }
    }
}
