package dev.codeindex.cli;

import dev.codeindex.config.Config;
import dev.codeindex.index.RunSettings;

/** The part of the configuration an index run needs. */
final class IndexSettings {
    private IndexSettings() {}

    static RunSettings of(Config c) {
        return new RunSettings(c.batchSize(), c.batchBytes(), c.maxFileSize(), c.maxFiles(), c.offline());
    }
}
