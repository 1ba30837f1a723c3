package dev.codeindex.walk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Finds git work trees the way git does: a directory holding a {@code .git} directory, or a
 * {@code .git} file ({@code gitdir: …}, written for linked worktrees and submodules).
 *
 * <p>Stateless and thread-safe. Lookups never throw: a {@code .git} file that cannot be read or
 * understood still marks a work tree, only without an {@code info/exclude} file.
 */
final class GitWorkTree {
    static final String DOT_GIT = ".git";

    private GitWorkTree() {}

    /** The nearest strict ancestor of {@code dir} that is a work tree top, or null. */
    static Path topAbove(Path dir) {
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(DOT_GIT), LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The {@code info/exclude} file of the work tree whose top is {@code top}, or null when it
     * does not exist. For a linked worktree it is the one of the main repository
     * ({@code commondir}), as git reads it.
     */
    static Path excludeFile(Path top) {
        Path dotGit = top.resolve(DOT_GIT);
        Path gitDir = Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS) ? dotGit : gitDirOf(dotGit);
        if (gitDir == null) {
            return null;
        }
        Path common = firstLine(gitDir.resolve("commondir"));
        Path base = common == null ? gitDir : gitDir.resolve(common).normalize();
        Path exclude = base.resolve("info").resolve("exclude");
        return Files.isRegularFile(exclude) ? exclude : null;
    }

    /** The directory named by a {@code gitdir: PATH} file, or null. */
    private static Path gitDirOf(Path dotGitFile) {
        String line = firstLineText(dotGitFile);
        if (line == null || !line.startsWith("gitdir:")) {
            return null;
        }
        try {
            Path target = dotGitFile.getParent().resolve(line.substring("gitdir:".length()).strip());
            return Files.isDirectory(target) ? target.normalize() : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Path firstLine(Path file) {
        String line = firstLineText(file);
        try {
            return line == null || line.isEmpty() ? null : Path.of(line);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String firstLineText(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, UTF_8);
            int nl = text.indexOf('\n');
            return (nl < 0 ? text : text.substring(0, nl)).strip();
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable pointer file only costs us info/exclude
        }
    }
}
