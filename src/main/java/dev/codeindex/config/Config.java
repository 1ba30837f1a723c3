package dev.codeindex.config;

import dev.codeindex.chunk.ChunkLimits;
import java.nio.file.Path;
import java.util.List;

/**
 * The validated, immutable configuration of one run. Built once by {@link ConfigLoader}.
 *
 * @param batchSize      files per batch
 * @param batchBytes     a batch also closes when its files add up to this many bytes
 * @param maxFiles       stop adding new files after this many (0 = no limit)
 * @param threads        chunking threads
 * @param secretExcludes gitignore-style patterns that are never indexed
 * @param maxParseSize   larger files are line-chunked without a structural parse
 * @param embedderModel  the bundled model: "bge" (default) or "minilm"
 */
public record Config(Path dataDir, int batchSize, long batchBytes, long maxFileSize, long maxFiles, int threads,
                     boolean followSymlinks, boolean builtinExcludes, List<String> excludes,
                     List<String> secretExcludes, ChunkLimits chunkLimits, long maxParseSize, boolean offline,
                     String embedderModel, String store, String qdrantUrl, String collection, boolean progress) {
    public Config {
        excludes = List.copyOf(excludes);
        secretExcludes = List.copyOf(secretExcludes);
    }
}
