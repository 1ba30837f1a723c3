package dev.codeindex.watch;

import java.util.List;
import java.util.Set;

/**
 * What one {@link ChangeQueue#take} hands out: the paths marked dirty (relative to the root,
 * '/'-separated), or a full rescan with its reason, and the sync cookies that are done once this set
 * is applied.
 *
 * @param rescan null for a pass over {@code paths} only
 */
public record ChangeSet(Set<String> paths, Rescan rescan, List<Long> cookies) {
    public static final ChangeSet EMPTY = new ChangeSet(Set.of(), null, List.of());

    /** A set that asks for nothing but a full rescan. */
    public static ChangeSet rescanOnly(Rescan why) {
        return new ChangeSet(Set.of(), why, List.of());
    }

    public boolean isRescan() {
        return rescan != null;
    }

    /** The rescan's text, or null. */
    public String rescanReason() {
        return rescan == null ? null : rescan.text();
    }

    public boolean isEmpty() {
        return paths.isEmpty() && rescan == null && cookies.isEmpty();
    }
}
