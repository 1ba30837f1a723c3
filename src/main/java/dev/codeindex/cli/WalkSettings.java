package dev.codeindex.cli;

import dev.codeindex.config.Config;
import dev.codeindex.walk.WalkOptions;

/** The walk's options from the configuration. */
final class WalkSettings {
    private WalkSettings() {}

    static WalkOptions of(Config c) {
        return new WalkOptions(c.followSymlinks(), c.builtinExcludes(), c.excludes(), c.secretExcludes());
    }
}
