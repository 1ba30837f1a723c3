package dev.codeindex.index;

import dev.codeindex.walk.PathTier;
import java.util.Comparator;

/**
 * The order in which a first index's embeddings should land, so that the vectors people search for
 * first come first: source, then documentation, then vendored code, then tests; within each, the
 * most recently modified first, then by path (a stable order, so a resumed pass goes on where it
 * stopped). Building block of the two-phase first index (#15 item 1): the structural pass makes every
 * file keyword-searchable, and the embedding pass walks the files in this order.
 *
 * <p>Threading: stateless.
 */
public final class EmbedOrder {
    /** A file as the order sees it: root-relative path ({@code /}-separated), its language id, its mtime. */
    public record File(String path, String language, long mtimeMillis) {}

    /** Source first, then docs, vendored and tests ({@link PathTier}); newest first within a tier; then by path. */
    public static final Comparator<File> ORDER = Comparator.comparing((File f) -> PathTier.of(f.path(), f.language()))
            .thenComparing(Comparator.comparingLong(File::mtimeMillis).reversed())
            .thenComparing(File::path);


    private EmbedOrder() {}

    /**
     * A string that sorts as {@link #ORDER} sorts {@code f}: the tier's ordinal, the mtime inverted as
     * 16 hex digits (newest first), then the path. The durable embedding queue is keyed by it, so it
     * hands files out in this order and a resumed pass goes on where it stopped.
     */
    public static String key(File f) {
        // descending signed order = ascending unsigned order of the complement with the sign bit flipped
        long inverted = ~f.mtimeMillis() ^ Long.MIN_VALUE;
        String hex = Long.toHexString(inverted);
        return PathTier.of(f.path(), f.language()).ordinal() + "0".repeat(16 - hex.length()) + hex + f.path();
    }
}
