package dev.codeindex.daemon;

import dev.codeindex.api.CheckpointInfo;
import dev.codeindex.api.SearchResult;
import dev.codeindex.manifest.Checkpoint;
import dev.codeindex.store.SearchHit;

/** Turns the pipeline's values into the records of the daemon interface, which depends on nothing. */
public final class ApiViews {
    private ApiViews() {}

    public static CheckpointInfo checkpoint(Checkpoint c) {
        return new CheckpointInfo(c.runId(), c.phase().id(), c.filesDone(), c.filesTotal(), c.batchesCommitted(),
                c.lastCommittedPath(), c.cleanShutdown(), c.updatedAt());
    }

    /** @param root the root the hit is in (absolute path) */
    public static SearchResult result(SearchHit h, String root) {
        return new SearchResult(h.path(), h.startLine(), h.endLine(), h.symbol(), h.language(), h.score(), h.snippet(),
                root, h.snippetStart());
    }
}
