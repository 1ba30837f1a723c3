package dev.codeindex.walk;

import java.util.function.Predicate;

/**
 * The exclusion layers that come from {@link WalkOptions} rather than from the tree: secret
 * patterns, config patterns and the built-ins ({@link WalkOptions#DEFAULT_EXCLUDES} and
 * {@link OutputDirs}). They depend on the path alone, not on the ignore files above it.
 *
 * <p>Order: a secret pattern excludes regardless of the other layers. Config patterns are tried
 * before the built-ins, so a config negation ({@code !target/}) re-includes what a built-in
 * would skip; it cannot re-include a secret.
 *
 * <p>Immutable and thread-safe.
 */
final class OptionRules {
    private final RuleSet secrets;
    private final RuleSet config;
    private final RuleSet builtins;

    OptionRules(WalkOptions options) {
        secrets = RuleSet.of(options.secretExcludes());
        config = RuleSet.of(options.excludes());
        builtins = options.builtinExcludes() ? RuleSet.of(WalkOptions.DEFAULT_EXCLUDES) : null;
    }

    /**
     * Whether entry {@code relPath} is excluded.
     *
     * @param name     its last segment
     * @param ext      {@link RuleSet#extension} of {@code name}
     * @param siblings whether its directory holds an entry of a given name
     */
    boolean excludes(String relPath, boolean isDir, String name, String ext, Predicate<String> siblings) {
        if (!isDir && name.startsWith(WalkOptions.COOKIE_PREFIX)) {
            return true;
        }
        if (secrets != null && secrets.check(relPath, isDir, name, ext) == Boolean.TRUE) {
            return true;
        }
        if (config != null) {
            Boolean r = config.check(relPath, isDir, name, ext);
            if (r != null) {
                return r;
            }
        }
        if (builtins == null) {
            return false;
        }
        Boolean r = builtins.check(relPath, isDir, name, ext);
        if (r != null) {
            return r;
        }
        return isDir && OutputDirs.isOutputDir(name, siblings);
    }

    /** Whether a directory with entries {@code children} is a cache or virtualenv to skip. */
    boolean isCacheDir(String relPath, Predicate<String> children) {
        return builtins != null
                && OutputDirs.isCacheDir(children)
                && (config == null || config.check(relPath, true) != Boolean.FALSE);
    }
}
