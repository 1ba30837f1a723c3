package dev.codeindex.walk;

/**
 * Why the walk skipped an entry: the rule layer that excluded it. Each ignored directory is
 * counted by its reason in the index summary, and {@code -v} names it with its {@link #label()}.
 */
public enum IgnoreReason {
    /** A {@code .gitignore} inside a git work tree, or the work tree's {@code .git/info/exclude}. */
    GITIGNORE("gitignore", ".gitignore"),
    /** An {@code .ignore} or {@code .codeindexignore} file. */
    IGNORE_FILE("ignoreFile", ".ignore or .codeindexignore"),
    /** A pattern of {@code walk.excludes}. */
    CONFIGURED("configured", "walk.excludes"),
    /** A pattern of {@code walk.secretExcludes}: files that hold credentials. */
    SECRET("secret", "secret exclude"),
    /** A built-in dependency tree: {@code node_modules/}, {@code bower_components/}, {@code Pods/}… */
    DEPENDENCIES("dependencies", "dependency tree"),
    /** Build output beside the build file that makes it: {@code target/} by {@code pom.xml}, {@code dist/} by {@code package.json}… */
    BUILD_OUTPUT("buildOutput", "build output"),
    /** A directory holding {@code CACHEDIR.TAG} or {@code pyvenv.cfg}: a cache or a Python virtual environment. */
    CACHE("cache", "cache or virtualenv"),
    /** Another built-in exclude: version control metadata, tool caches, IDE state, lock files, minified bundles. */
    BUILTIN("builtin", "built-in exclude"),
    /** A file the watch daemon writes for a moment (its sync cookie). */
    COOKIE("cookie", "sync cookie");

    private final String key;
    private final String label;

    IgnoreReason(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The name in the {@code --json} summary. */
    public String key() {
        return key;
    }

    /** What people read: in the summary text and the {@code -v} log. */
    public String label() {
        return label;
    }
}
