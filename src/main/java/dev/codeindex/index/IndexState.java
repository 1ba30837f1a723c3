package dev.codeindex.index;

import dev.codeindex.manifest.Checkpoint;
import java.util.Map;

/**
 * What a root's manifest holds after its last commit.
 *
 * @param totals  files, chunks, lang.*, skip.* and symbol counts
 * @param pending files a pass found to do and has not finished, plus files gone but not yet removed
 */
public record IndexState(Map<String, Long> totals, long pending, Checkpoint checkpoint) {}
