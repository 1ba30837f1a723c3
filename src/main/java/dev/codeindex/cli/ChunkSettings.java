package dev.codeindex.cli;

import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.config.ChunkConfig;
import dev.codeindex.config.Config;

/** The chunker's limits from the configuration. */
final class ChunkSettings {
    private ChunkSettings() {}

    static ChunkLimits of(Config c) {
        ChunkConfig k = c.chunkLimits();
        return new ChunkLimits(k.maxLines(), k.maxChars(), k.overlapLines());
    }
}
