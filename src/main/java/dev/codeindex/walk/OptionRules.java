package dev.codeindex.walk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    /** The built-in excludes that are dependency trees, counted apart from the other built-ins. */
    static final Set<String> DEPENDENCY_EXCLUDES = Set.of("node_modules/", "bower_components/", "jspm_packages/",
            ".pnpm-store/", ".yarn/", "Pods/", "Carthage/", ".pub-cache/", "elm-stuff/", ".stack-work/", ".cpcache/",
            ".terraform/");

    private final RuleSet secrets;
    private final RuleSet config;
    private final RuleSet dependencies;
    private final RuleSet builtins;
    private final boolean builtinsOn;

    OptionRules(WalkOptions options) {
        secrets = RuleSet.of(options.secretExcludes());
        config = RuleSet.of(options.excludes());
        builtinsOn = options.builtinExcludes();
        List<String> deps = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String p : WalkOptions.DEFAULT_EXCLUDES) {
            (DEPENDENCY_EXCLUDES.contains(p) ? deps : rest).add(p);
        }
        // the built-ins have no negation, so splitting them decides as the whole list would
        dependencies = builtinsOn ? RuleSet.of(deps) : null;
        builtins = builtinsOn ? RuleSet.of(rest) : null;
    }

    /**
     * Whether entry {@code relPath} is excluded, and by which layer.
     *
     * @param path     the entry on disk (a directory named like build output may have to be looked into)
     * @param name     its last segment
     * @param ext      {@link RuleSet#extension} of {@code name}
     * @param siblings whether its directory holds an entry of a given name
     * @return the reason, or null when no layer excludes it
     */
    IgnoreReason excludes(String relPath, Path path, boolean isDir, String name, String ext,
                          Predicate<String> siblings) {
        if (!isDir && name.startsWith(WalkOptions.COOKIE_PREFIX)) {
            return IgnoreReason.COOKIE;
        }
        if (secrets != null && secrets.check(relPath, isDir, name, ext) == Boolean.TRUE) {
            return IgnoreReason.SECRET;
        }
        if (config != null) {
            Boolean r = config.check(relPath, isDir, name, ext);
            if (r != null) {
                return r ? IgnoreReason.CONFIGURED : null;
            }
        }
        if (!builtinsOn) {
            return null;
        }
        if (dependencies != null && dependencies.check(relPath, isDir, name, ext) == Boolean.TRUE) {
            return IgnoreReason.DEPENDENCIES;
        }
        if (builtins != null && builtins.check(relPath, isDir, name, ext) == Boolean.TRUE) {
            return IgnoreReason.BUILTIN;
        }
        return isDir && OutputDirs.isOutputDir(path, name, siblings) ? IgnoreReason.BUILD_OUTPUT : null;
    }

    /** Whether a directory with entries {@code children} is a cache or virtualenv to skip. */
    boolean isCacheDir(String relPath, Predicate<String> children) {
        return builtins != null
                && OutputDirs.isCacheDir(children)
                && (config == null || config.check(relPath, true) != Boolean.FALSE);
    }
}
