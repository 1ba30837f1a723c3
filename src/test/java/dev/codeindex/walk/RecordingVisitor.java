package dev.codeindex.walk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A visitor that records every call, in order, for assertions. */
class RecordingVisitor implements WalkVisitor {
    final List<String> files = new ArrayList<>();
    final List<FileStat> stats = new ArrayList<>();
    /** Ignored entries; directories end in '/'. */
    final List<String> ignored = new ArrayList<>();
    final List<String> special = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    /** Each ignored entry (as in {@link #ignored}) with the rule that excluded it. */
    final Map<String, IgnoreReason> reasons = new LinkedHashMap<>();

    @Override
    public void onFile(FileStat stat) {
        files.add(stat.relPath());
        stats.add(stat);
    }

    @Override
    public void onIgnored(String relPath, boolean directory) {
        ignored.add(directory ? relPath + "/" : relPath);
    }

    @Override
    public void onIgnored(String relPath, boolean directory, IgnoreReason reason) {
        onIgnored(relPath, directory);
        reasons.put(directory ? relPath + "/" : relPath, reason);
    }

    @Override
    public void onSpecial(String relPath) {
        special.add(relPath);
    }

    @Override
    public void onError(String relPath, IOException error) {
        errors.add(relPath);
    }
}
