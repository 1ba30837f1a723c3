package dev.codeindex.walk;

import java.io.IOException;

/**
 * Receives what the {@link Walker} finds. Called on the walking thread, in order.
 *
 * <p>Order contract: {@link #onFile} is called in strictly increasing {@code String.compareTo}
 * order of {@code relPath} (the order of the manifest's keys), so the caller can merge the walk
 * with the manifest in one pass and find deletions without holding the tree in memory.
 */
public interface WalkVisitor {
    /** A regular file that is not ignored. */
    void onFile(FileStat stat);

    /**
     * A directory the walk enters, before it is listed (not called for the root). Its listing may
     * still show it to be a cache or virtualenv: then {@link #onIgnored} follows for it.
     */
    default void onDirectory(String relPath) {}

    /** A file or directory excluded by an ignore rule, a built-in exclude or a secret rule. */
    default void onIgnored(String relPath, boolean directory) {}

    /**
     * What the walker reports for an excluded entry: {@link #onIgnored(String, boolean)}, with the
     * layer that excluded it. Override this one to tell reasons apart.
     */
    default void onIgnored(String relPath, boolean directory, IgnoreReason reason) {
        onIgnored(relPath, directory);
    }

    /** A FIFO, socket, device or a symlink that is not followed: never opened. */
    default void onSpecial(String relPath) {}

    /** A directory or file that could not be listed or stat'ed; the walk goes on. */
    default void onError(String relPath, IOException error) {}
}
