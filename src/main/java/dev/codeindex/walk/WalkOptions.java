package dev.codeindex.walk;

import java.util.List;

/**
 * What the {@link Walker} skips and whether it follows symlinks. Immutable; validated on
 * construction.
 *
 * <p>Three exclusion layers apply on top of the tree's own ignore files; an entry is skipped if
 * any layer excludes it:
 *
 * <ol>
 *   <li>{@link #secretExcludes}: files that commonly hold credentials. Never sent to an embedder.
 *       The repository's ignore files cannot re-include them; only this list can (replace it, or
 *       append a {@code !pattern}).
 *   <li>{@link #excludes} from the config, then the built-ins ({@link #DEFAULT_EXCLUDES} plus the
 *       build-output and cache-directory rules described in {@code OutputDirs}) when {@link
 *       #builtinExcludes} is on. A config pattern wins over a built-in, so {@code
 *       "!package-lock.json"} or {@code "!target/"} in {@code excludes} re-includes what a
 *       built-in would skip.
 *   <li>{@code .gitignore} (inside a git work tree, with {@code .git/info/exclude}), {@code
 *       .ignore} and {@code .codeindexignore} files (everywhere): a deeper file overrides a
 *       shallower one, and within a directory {@code .codeindexignore} overrides {@code .ignore},
 *       which overrides {@code .gitignore}. Details in {@code IgnoreRules}.
 * </ol>
 *
 * <p>All patterns use gitignore syntax, relative to the walk root.
 *
 * @param followSymlinks  follow symlinks whose target lies inside the root (loop-safe); links
 *                        leaving the root are never followed
 * @param builtinExcludes apply {@link #DEFAULT_EXCLUDES} and the build-output and cache rules
 * @param excludes        extra patterns from the config; null means none
 * @param secretExcludes  credential patterns; null means {@link #DEFAULT_SECRET_EXCLUDES}
 * @throws IllegalArgumentException if a pattern is not valid gitignore syntax (names it)
 */
public record WalkOptions(
        boolean followSymlinks,
        boolean builtinExcludes,
        List<String> excludes,
        List<String> secretExcludes) {

    /**
     * Directories and files that never hold a project's own sources: VCS metadata, dependency
     * trees, tool caches, IDE state, generated lock files and minified bundles. Unanchored, so
     * they apply at any depth. Deliberately absent: {@code vendor/} (Go and PHP keep real,
     * committed sources there), {@code bin/}, {@code out/}, {@code lib/}, {@code venv/}
     * (CPython's {@code Lib/venv/} is the venv module) and the ambiguous build-output names
     * {@code target}, {@code build}, {@code dist}, {@code coverage}: the Linux tree has
     * {@code drivers/target/}, {@code include/target/}, {@code tools/build/}, Go has
     * {@code src/internal/coverage/}. Those are skipped only next to the build file that
     * produces them ({@code target/} beside {@code pom.xml} or {@code Cargo.toml}), and any
     * directory holding a {@code CACHEDIR.TAG} or {@code pyvenv.cfg} is skipped whatever its name.
     */
    /**
     * Files the watch daemon writes for a moment to learn that its watcher has seen everything
     * written before them (its sync barrier); never indexed, whatever the options.
     */
    public static final String COOKIE_PREFIX = ".codeindex-cookie-";

    public static final List<String> DEFAULT_EXCLUDES = List.of(
            // version control (.git may be a file in worktrees and submodules)
            ".git", ".hg", ".svn", ".bzr", "_darcs/", "CVS/", ".jj/", ".pijul/",
            // dependency trees
            "node_modules/", "bower_components/", "jspm_packages/", ".pnpm-store/", ".yarn/",
            ".pnp.cjs", ".pnp.loader.mjs", "Pods/", "Carthage/", ".dart_tool/",
            ".pub-cache/", "elm-stuff/", ".stack-work/", ".cpcache/", ".terraform/",
            // python
            "__pycache__/", "*.pyc", "*.pyo", ".venv/", ".mypy_cache/", ".pytest_cache/",
            ".ruff_cache/", ".tox/", ".nox/", ".hypothesis/", ".ipynb_checkpoints/", ".eggs/",
            "*.egg-info/", "htmlcov/",
            // build tools and framework caches
            ".gradle/", ".build/", "zig-cache/", ".zig-cache/", "zig-out/", ".next/", ".nuxt/",
            ".svelte-kit/", ".angular/", ".parcel-cache/", ".turbo/", ".cache/", ".sass-cache/",
            ".docusaurus/", ".serverless/", ".expo/", ".bloop/", ".metals/",
            // IDE and OS state
            ".idea/", ".vscode/", ".vs/", ".settings/", ".fleet/", ".DS_Store", "Thumbs.db",
            // editors' backup and swap files, and what a patch leaves behind: old copies of the code, whose hits
            // would show stale text beside the real file's
            "*~", "\\#*#", ".*.swp", ".*.swo", "*.orig", "*.rej", "*.bak",
            // generated, large, useless for semantic search
            "*.min.js", "*.min.css", "*.js.map", "*.css.map", "package-lock.json", "yarn.lock",
            "pnpm-lock.yaml", "npm-shrinkwrap.json", "Cargo.lock", "poetry.lock", "Pipfile.lock",
            "composer.lock", "Gemfile.lock", "go.sum", "uv.lock",
            // our own data directory
            ".codeindex/");

    /**
     * Files that commonly hold credentials. {@code .env.*} files are excluded but the committed
     * templates ({@code .env.example}, {@code .sample}, {@code .template}, {@code .dist}) are
     * re-included: they document variables, not values. {@code .envrc} (direnv) is excluded: it
     * usually exports tokens. Public keys ({@code id_rsa.pub}) go with their private keys;
     * losing them costs nothing. Files that are credentials by name only; secrets inside other
     * files (a docker {@code config.json} elsewhere, a {@code *.env}, an {@code application.yml})
     * are redacted by content instead.
     */
    public static final List<String> DEFAULT_SECRET_EXCLUDES = List.of(
            ".env", ".env.*", "!.env.example", "!.env.sample", "!.env.template", "!.env.dist",
            ".envrc",
            "*.pem", "*.key", "*.p12", "*.pfx", "*.jks", "*.keystore", "*.ppk", "*.kdbx",
            "id_rsa*", "id_dsa*", "id_ecdsa*", "id_ed25519*",
            ".ssh/", ".aws/", ".gnupg/", ".azure/", "**/.docker/config.json", "**/.kube/config",
            ".netrc", "_netrc", ".npmrc", ".pypirc", ".pgpass", ".git-credentials", ".htpasswd",
            ".vault-token", "credentials", "credentials.json", "secrets.yml", "secrets.yaml",
            "secrets.json", "*.tfstate", "*.tfstate.*",
            // database clients, cloud tools, registries and clusters
            ".my.cnf", ".mylogin.cnf", ".s3cfg", ".boto", ".dockercfg", ".dockerconfigjson",
            "kubeconfig", "*.kubeconfig", "kubeconfig.yaml", "kubeconfig.yml", "credentials.toml",
            ".terraformrc", "terraform.rc", "**/gh/hosts.yml", "*.keytab", "*.kdb",
            // shell and REPL histories: every password typed on a command line (a home directory as a root)
            ".*_history", ".history", ".zhistory", ".lesshst", ".viminfo");

    public WalkOptions {
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        secretExcludes = secretExcludes == null ? DEFAULT_SECRET_EXCLUDES : List.copyOf(secretExcludes);
        validate("excludes", excludes);
        validate("secretExcludes", secretExcludes);
    }

    /** Symlinks not followed, built-ins on, no extra excludes, the default secret list. */
    public static WalkOptions defaults() {
        return new WalkOptions(false, true, List.of(), DEFAULT_SECRET_EXCLUDES);
    }

    public WalkOptions withFollowSymlinks(boolean follow) {
        return new WalkOptions(follow, builtinExcludes, excludes, secretExcludes);
    }

    public WalkOptions withBuiltinExcludes(boolean on) {
        return new WalkOptions(followSymlinks, on, excludes, secretExcludes);
    }

    public WalkOptions withExcludes(List<String> patterns) {
        return new WalkOptions(followSymlinks, builtinExcludes, patterns, secretExcludes);
    }

    public WalkOptions withSecretExcludes(List<String> patterns) {
        return new WalkOptions(followSymlinks, builtinExcludes, excludes, patterns);
    }

    private static void validate(String key, List<String> patterns) {
        for (String p : patterns) {
            String body = p.strip();
            if (body.isEmpty() || body.startsWith("#") || body.equals("/") || body.equals("!")) {
                continue; // blank and comment lines are legal in an ignore file, and match nothing
            }
            if (IgnorePattern.compile(p) == null) {
                throw new IllegalArgumentException(
                        "walk." + key + ": invalid gitignore pattern '" + p + "'");
            }
        }
    }
}
