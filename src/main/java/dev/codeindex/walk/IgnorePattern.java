package dev.codeindex.walk;

import dev.codeindex.walk.jgit.JGitIgnorePattern;

/**
 * One line of an ignore file (gitignore syntax), compiled: what {@link RuleSet} asks of each rule.
 * The matching itself is git's, done by an adapter in {@code dev.codeindex.walk.jgit}; this is the
 * only place the walk names it.
 *
 * <p>Threading: immutable, so safe to share between walks. Errors: {@link #compile} never throws;
 * a line git would not use comes back null.
 */
public interface IgnorePattern {
    /**
     * Whether the rule matches {@code path}, matched as git matches a rule of an ignore file (the
     * whole path for a pattern with a '/', the last segment otherwise).
     *
     * @param path  relative to the directory of the ignore source, '/'-separated
     * @param isDir whether {@code path} is a directory (a {@code dir/} rule matches only those)
     */
    boolean matches(String path, boolean isDir);

    /** What a match means: true ignored, false re-included (a {@code !pattern}). */
    boolean ignores();

    /**
     * The rule of {@code line}, or null when it matches nothing (an invalid glob, or a line that is
     * empty once parsed, such as a lone {@code !}). Blank and comment lines are the caller's to skip.
     */
    static IgnorePattern compile(String line) {
        return JGitIgnorePattern.compile(line);
    }
}
