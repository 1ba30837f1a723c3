package dev.codeindex.walk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The ignore decisions of one walk: a stack of per-directory rule frames, pushed as the walk
 * enters a directory and popped as it leaves, plus the option layers of {@link OptionRules}.
 * Matching is JGit's ({@code FastIgnoreRule}, with {@code IgnoreNode}'s last-match-wins order, see
 * {@link RuleSet}); this class only decides which rules apply to a path and in what order.
 *
 * <p>Per directory, the frame holds up to three rule sets: {@code local} ({@code .ignore}, then
 * {@code .codeindexignore}, so the latter wins), read everywhere; {@code git} ({@code .gitignore}),
 * read only inside a git work tree; {@code exclude} ({@code info/exclude}), on the frame of a work
 * tree's top directory. A path is matched against the frames from the deepest up, each with the
 * path relative to that frame's directory, local before git; the first rule that matches decides
 * (so a nested file overrides its parents, and {@code !keep.log} can re-include). A frame of a
 * work tree top ends the reach of {@code .gitignore} files above it: a nested repository is not
 * governed by its parent's rules. When the root lies inside a work tree, frames for the work tree
 * top and the directories between it and the root are pushed first, so their {@code .gitignore}
 * files apply too; the root itself is never ignored by them (it was named explicitly). Git's
 * rule that nothing below an excluded directory can be re-included holds because the walker does
 * not enter ignored directories.
 *
 * <p>Not thread-safe: one instance per walk, used on the walking thread. I/O errors while reading
 * an ignore file are reported to the visitor and the file counts as empty.
 */
final class IgnoreRules {
    static final String GITIGNORE = ".gitignore";
    static final String IGNORE = ".ignore";
    static final String CODEINDEXIGNORE = ".codeindexignore";

    private final OptionRules options;
    private final ArrayList<Frame> frames = new ArrayList<>();
    private int repoTops;

    IgnoreRules(OptionRules options) {
        this.options = options;
    }

    /**
     * Pushes frames for the git work tree that contains {@code root}, if any: its top (with
     * {@code info/exclude}) and each directory down to, not including, the root.
     */
    void enterAncestors(Path root, WalkVisitor errors) {
        Path top = GitWorkTree.topAbove(root);
        if (top == null) {
            return;
        }
        List<Path> chain = new ArrayList<>();
        for (Path p = root.getParent(); p != null && p.startsWith(top); p = p.getParent()) {
            chain.add(0, p);
        }
        for (Path dir : chain) {
            String prepend = dir.relativize(root).toString().replace('\\', '/') + "/";
            boolean isTop = dir.equals(top);
            RuleSet git = read(dir.resolve(GITIGNORE), "", errors);
            RuleSet exclude = isTop ? readExclude(dir, errors) : null;
            push(new Frame(0, prepend, null, git, exclude, isTop));
        }
    }

    /**
     * Reads the ignore files of directory {@code dir} (root-relative {@code prefix}, "" or ending
     * in '/') whose entries satisfy {@code has}, and pushes its frame.
     *
     * @return the mark to pass to {@link #leave(int)} when the walk leaves the directory
     */
    int enter(Path dir, String prefix, Predicate<String> has, WalkVisitor errors) {
        int mark = frames.size();
        boolean repoTop = has.test(GitWorkTree.DOT_GIT);
        RuleSet git = (repoTop || repoTops > 0) && has.test(GITIGNORE)
                ? read(dir.resolve(GITIGNORE), prefix + GITIGNORE, errors) : null;
        RuleSet ignore = has.test(IGNORE) ? read(dir.resolve(IGNORE), prefix + IGNORE, errors) : null;
        RuleSet own = has.test(CODEINDEXIGNORE)
                ? read(dir.resolve(CODEINDEXIGNORE), prefix + CODEINDEXIGNORE, errors) : null;
        RuleSet exclude = repoTop ? readExclude(dir, errors) : null;
        RuleSet local = RuleSet.concat(ignore, own);
        if (repoTop || git != null || local != null || exclude != null) {
            push(new Frame(prefix.length(), null, local, git, exclude, repoTop));
        }
        return mark;
    }

    /** Pops the frames pushed since {@code mark}. */
    void leave(int mark) {
        while (frames.size() > mark) {
            if (frames.remove(frames.size() - 1).repoTop) {
                repoTops--;
            }
        }
    }

    /**
     * Whether the entry {@code relPath} (named {@code name}, in the directory whose entries
     * satisfy {@code siblings}) is excluded by the tree's ignore files or an option layer.
     *
     * @param path the entry on disk
     * @return the layer that excludes it (the tree's ignore files are asked first, then the option
     *         layers), or null when it is not ignored
     */
    IgnoreReason ignoredBy(String relPath, Path path, String name, boolean isDir, Predicate<String> siblings) {
        String ext = RuleSet.extension(name);
        IgnoreReason byTree = byTree(relPath, isDir, name, ext);
        return byTree != null ? byTree : options.excludes(relPath, path, isDir, name, ext, siblings);
    }

    private IgnoreReason byTree(String relPath, boolean isDir, String name, String ext) {
        boolean gitActive = true;
        for (int i = frames.size() - 1; i >= 0; i--) {
            Frame f = frames.get(i);
            int r = f.check(relPath, isDir, name, ext, gitActive);
            if (r != Frame.NO_MATCH) {
                return r == Frame.BY_LOCAL ? IgnoreReason.IGNORE_FILE : r == Frame.BY_GIT ? IgnoreReason.GITIGNORE : null;
            }
            if (f.repoTop) {
                gitActive = false;
            }
        }
        return null;
    }

    private void push(Frame f) {
        frames.add(f);
        if (f.repoTop) {
            repoTops++;
        }
    }

    private static RuleSet readExclude(Path top, WalkVisitor errors) {
        Path file = GitWorkTree.excludeFile(top);
        return file == null ? null : read(file, "", errors);
    }

    /** The rules of an ignore file, or null when it has none or cannot be read. */
    private static RuleSet read(Path file, String relPath, WalkVisitor errors) {
        if (!Files.isRegularFile(file)) {
            return null; // absent, or a directory that happens to carry the name
        }
        try {
            return RuleSet.read(file);
        } catch (IOException e) {
            errors.onError(relPath, e);
            return null;
        }
    }

    /** One directory's rules; paths are made relative to it by stripping or prepending. */
    private record Frame(int strip, String prepend, RuleSet local, RuleSet git,
                         RuleSet exclude, boolean repoTop) {
        static final int NO_MATCH = 0;
        /** A rule matched and re-includes the entry ({@code !pattern}). */
        static final int KEPT = 1;
        static final int BY_LOCAL = 2;
        static final int BY_GIT = 3;

        int check(String relPath, boolean isDir, String name, String ext, boolean gitActive) {
            if (local == null && (!gitActive || git == null && exclude == null)) {
                return NO_MATCH;
            }
            String path = prepend != null ? prepend.concat(relPath) : relPath.substring(strip);
            Boolean r = local == null ? null : local.check(path, isDir, name, ext);
            if (r != null) {
                return r ? BY_LOCAL : KEPT;
            }
            if (gitActive && git != null) {
                r = git.check(path, isDir, name, ext);
            }
            if (r == null && gitActive && exclude != null) {
                r = exclude.check(path, isDir, name, ext);
            }
            return r == null ? NO_MATCH : r ? BY_GIT : KEPT;
        }
    }
}
