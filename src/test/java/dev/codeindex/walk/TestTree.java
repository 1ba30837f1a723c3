package dev.codeindex.walk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds real files under a temporary root and walks it. */
final class TestTree {
    final Path root;

    TestTree(Path root) {
        this.root = root;
    }

    /** Writes {@code relPath} (parents created); a path ending in '/' makes a directory. */
    TestTree add(String relPath, String content) {
        try {
            Path p = root.resolve(relPath);
            if (relPath.endsWith("/")) {
                Files.createDirectories(p);
            } else {
                Files.createDirectories(p.getParent());
                Files.writeString(p, content, UTF_8);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates each of {@code relPaths} with content "x". */
    TestTree files(String... relPaths) {
        for (String p : relPaths) {
            add(p, "x");
        }
        return this;
    }

    /** Marks the root as the top of a git work tree. */
    TestTree gitRepo() {
        return add(".git/info/", "");
    }

    /**
     * Walks the tree twice, plainly and listing ahead on a helper thread, and checks that both
     * walks report the same entries in the same order; returns the plain walk's record.
     */
    RecordingVisitor walk(WalkOptions options) {
        RecordingVisitor v = new RecordingVisitor();
        RecordingVisitor ahead = new RecordingVisitor();
        try {
            new Walker(root, options).walk(v);
            new Walker(root, options).walk(ahead, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        org.junit.jupiter.api.Assertions.assertEquals(v.stats, ahead.stats, "files, listing ahead");
        org.junit.jupiter.api.Assertions.assertEquals(v.ignored, ahead.ignored, "ignored, listing ahead");
        org.junit.jupiter.api.Assertions.assertEquals(v.reasons, ahead.reasons, "reasons, listing ahead");
        org.junit.jupiter.api.Assertions.assertEquals(v.special, ahead.special, "special, listing ahead");
        org.junit.jupiter.api.Assertions.assertEquals(v.errors, ahead.errors, "errors, listing ahead");
        return v;
    }

    RecordingVisitor walk() {
        return walk(WalkOptions.defaults());
    }
}
