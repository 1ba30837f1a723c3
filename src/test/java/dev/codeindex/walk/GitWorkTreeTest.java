package dev.codeindex.walk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roots inside a work tree, linked worktrees and the reach of a repository's files. */
class GitWorkTreeTest {
    @TempDir Path dir;

    @Test
    void root_below_the_work_tree_top_obeys_the_gitignore_files_above_it() {
        new TestTree(dir).gitRepo()
                .add(".gitignore", "*.tmp\n/proj/gen/\n/other/\n")
                .add("proj/.gitignore", "/sub/local.txt\n")
                .add(".git/info/exclude", "*.bak\n")
                .files("proj/a.c", "proj/a.tmp", "proj/x.bak", "proj/gen/g.c", "proj/sub/local.txt",
                        "proj/sub/other/k.c");

        RecordingVisitor v = new TestTree(dir.resolve("proj")).walk();

        assertEquals(List.of(".gitignore", "a.c", "sub/other/k.c"), v.files);
    }

    @Test
    void root_that_an_ancestor_rule_matches_is_still_walked() {
        new TestTree(dir).gitRepo().add(".gitignore", "proj/\n").files("proj/a.c");

        RecordingVisitor v = new TestTree(dir.resolve("proj")).walk();

        assertEquals(List.of("a.c"), v.files);
    }

    @Test
    void gitignore_above_the_work_tree_top_does_not_apply() {
        new TestTree(dir).add(".gitignore", "*.c\n").files("repo/.git/HEAD", "repo/a.c");
        new TestTree(dir).add("repo/.git/info/", "");

        RecordingVisitor v = new TestTree(dir.resolve("repo")).walk();

        assertEquals(List.of("a.c"), v.files);
    }

    @Test
    void linked_worktree_reads_the_exclude_file_of_its_main_repository() throws IOException {
        new TestTree(dir).add("main/.git/info/exclude", "*.log\n")
                .add("main/.git/worktrees/wt/commondir", "../..\n")
                .files("wt/a.c", "wt/b.log");
        Files.writeString(dir.resolve("wt/.git"), "gitdir: " + dir.resolve("main/.git/worktrees/wt") + "\n", UTF_8);

        RecordingVisitor v = new TestTree(dir.resolve("wt")).walk();

        assertEquals(List.of("a.c"), v.files);
        assertEquals(List.of(".git", "b.log"), v.ignored);
    }

    @Test
    void submodule_with_a_git_file_is_its_own_work_tree() throws IOException {
        new TestTree(dir).gitRepo().add(".gitignore", "*.gen\n").add("mod/.gitignore", "*.o\n")
                .files("mod/a.gen", "mod/b.o", "mod/c.c", "top.gen");
        Files.writeString(dir.resolve("mod/.git"), "gitdir: ../.git/modules/mod\n", UTF_8);

        RecordingVisitor v = new TestTree(dir).walk();

        assertEquals(List.of(".gitignore", "mod/.gitignore", "mod/a.gen", "mod/c.c"), v.files);
    }
}
