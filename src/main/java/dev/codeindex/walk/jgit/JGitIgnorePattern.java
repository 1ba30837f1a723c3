package dev.codeindex.walk.jgit;

import dev.codeindex.walk.IgnorePattern;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * {@link IgnorePattern} as JGit's {@link FastIgnoreRule}: the rule {@code IgnoreNode} would hold
 * for the line, matched with {@code pathMatch} on, as {@code IgnoreNode#checkIgnored} matches it.
 * Immutable (JGit builds the matcher once, in the constructor) and thread-safe.
 */
public final class JGitIgnorePattern implements IgnorePattern {
    private final FastIgnoreRule rule;

    private JGitIgnorePattern(FastIgnoreRule rule) {
        this.rule = rule;
    }

    /** The rule of {@code line}, or null when JGit finds it empty (an invalid glob among them). */
    public static IgnorePattern compile(String line) {
        FastIgnoreRule rule = new FastIgnoreRule(line);
        return rule.isEmpty() ? null : new JGitIgnorePattern(rule);
    }

    @Override
    public boolean matches(String path, boolean isDir) {
        return rule.isMatch(path, isDir, true);
    }

    @Override
    public boolean ignores() {
        return rule.getResult();
    }

    @Override
    public String toString() {
        return rule.toString();
    }
}
