package dev.codeindex.index;

import dev.codeindex.config.Config;

/** The part of the configuration an index run needs. */
public record RunSettings(int batchSize, long batchBytes, long maxFileSize, long maxFiles, boolean offline) {
    public static RunSettings of(Config c) {
        return new RunSettings(c.batchSize(), c.batchBytes(), c.maxFileSize(), c.maxFiles(), c.offline());
    }
}
