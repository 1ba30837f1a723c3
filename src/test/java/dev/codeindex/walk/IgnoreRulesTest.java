package dev.codeindex.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ignore-file semantics, as a table: a tree (ignore files and the probed file, in a git work tree
 * or not) and whether the walk leaves the probed file out.
 */
class IgnoreRulesTest {
    private static final boolean GIT = true;
    private static final boolean PLAIN = false;

    /** Row: behaviour, git work tree?, ignore files as "path", "content" pairs, probe, ignored? */
    static Stream<Arguments> table() {
        return Stream.of(
                row("glob ignores a matching file", GIT, files(".gitignore", "*.log"), "a.log", true),
                row("glob ignores at any depth", GIT, files(".gitignore", "*.log"), "x/y/a.log", true),
                row("glob leaves other files", GIT, files(".gitignore", "*.log"), "a.txt", false),
                row("negation re-includes a file", GIT, files(".gitignore", "*.log\n!keep.log"), "keep.log", false),
                row("negation leaves the rest ignored", GIT, files(".gitignore", "*.log\n!keep.log"), "other.log", true),
                row("later rule wins over earlier negation", GIT, files(".gitignore", "!keep.log\n*.log"), "keep.log", true),
                row("nested gitignore re-includes what the parent ignores", GIT,
                        files(".gitignore", "*.log", "sub/.gitignore", "!keep.log"), "sub/keep.log", false),
                row("parent rule still applies beside a nested gitignore", GIT,
                        files(".gitignore", "*.log", "sub/.gitignore", "!keep.log"), "sub/other.log", true),
                row("nested gitignore ignores what the parent re-includes", GIT,
                        files(".gitignore", "*.log\n!keep.log", "sub/.gitignore", "keep.log"), "sub/keep.log", true),
                row("nested gitignore does not reach its siblings", GIT,
                        files("sub/.gitignore", "*.log"), "other/a.log", false),
                row("nested pattern with a slash is relative to its directory", GIT,
                        files("sub/.gitignore", "gen/out.c"), "sub/gen/out.c", true),
                row("anchored pattern matches at its own level", GIT, files(".gitignore", "/foo"), "foo", true),
                row("anchored pattern does not match deeper", GIT, files(".gitignore", "/foo"), "sub/foo", false),
                row("unanchored pattern matches deeper", GIT, files(".gitignore", "foo"), "sub/foo", true),
                row("pattern with a middle slash is anchored", GIT, files(".gitignore", "a/b"), "x/a/b", false),
                row("leading double star matches at the top", GIT, files(".gitignore", "**/x"), "x", true),
                row("leading double star matches at any depth", GIT, files(".gitignore", "**/x"), "a/b/x", true),
                row("middle double star matches zero directories", GIT, files(".gitignore", "a/**/b"), "a/b", true),
                row("middle double star matches many directories", GIT, files(".gitignore", "a/**/b"), "a/x/y/b", true),
                row("middle double star stays anchored", GIT, files(".gitignore", "a/**/b"), "c/a/x/b", false),
                row("trailing double star ignores everything inside", GIT, files(".gitignore", "gen/**"), "gen/x/y.c", true),
                row("directory-only rule ignores a directory", GIT, files(".gitignore", "dir/"), "dir/f.c", true),
                row("directory-only rule spares a file of that name", GIT, files(".gitignore", "dir/"), "dir", false),
                row("file under an ignored directory cannot be re-included", GIT,
                        files(".gitignore", "build/\n!build/keep.c"), "build/keep.c", true),
                row("directory contents rule allows re-inclusion", GIT,
                        files(".gitignore", "build/*\n!build/keep.c"), "build/keep.c", false),
                row("character class matches", GIT, files(".gitignore", "*.[oa]"), "lib.a", true),
                row("escaped hash is a literal name", GIT, files(".gitignore", "\\#notes"), "#notes", true),
                row("comment line matches nothing", GIT, files(".gitignore", "#notes"), "#notes", false),
                row("gitignore is ignored outside a git work tree", PLAIN, files(".gitignore", "*.log"), "a.log", false),
                row("dot-ignore applies outside a git work tree", PLAIN, files(".ignore", "*.log"), "a.log", true),
                row("codeindexignore applies outside a git work tree", PLAIN,
                        files(".codeindexignore", "*.log"), "a.log", true),
                row("nested dot-ignore applies outside a git work tree", PLAIN,
                        files("sub/.ignore", "*.log"), "sub/a.log", true),
                row("dot-ignore negation wins over gitignore", GIT,
                        files(".gitignore", "*.log", ".ignore", "!keep.log"), "keep.log", false),
                row("codeindexignore wins over dot-ignore", GIT,
                        files(".ignore", "!keep.log", ".codeindexignore", "*.log"), "keep.log", true),
                row("gitignore of a nested repository applies outside the root's repository", PLAIN,
                        files("inner/.git/info/", "", "inner/.gitignore", "*.log"), "inner/a.log", true),
                row("outer gitignore does not reach into a nested repository", GIT,
                        files(".gitignore", "*.log", "inner/.git/info/", ""), "inner/a.log", false),
                row("info exclude of the repository applies", GIT,
                        files(".git/info/exclude", "*.log"), "a.log", true),
                row("gitignore wins over info exclude", GIT,
                        files(".git/info/exclude", "*.log", ".gitignore", "!keep.log"), "keep.log", false),
                row("CRLF line endings are understood", GIT, files(".gitignore", "*.log\r\n*.tmp\r\n"), "a.tmp", true),
                row("byte-order mark before the first rule is skipped", GIT, files(".gitignore", "\uFEFF*.log"), "a.log", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void ignore_rule(String behaviour, boolean git, String[] ruleFiles, String probe, boolean ignored,
                     @TempDir Path dir) {
        TestTree tree = new TestTree(dir);
        if (git) {
            tree.gitRepo();
        }
        for (int i = 0; i < ruleFiles.length; i += 2) {
            tree.add(ruleFiles[i], ruleFiles[i + 1]);
        }
        tree.add(probe, "probe");
        tree.add("control.txt", "x");

        RecordingVisitor v = tree.walk();

        assertTrue(v.files.contains("control.txt"), "walk ran: " + v.files);
        assertEquals(!ignored, v.files.contains(probe), behaviour + "; files: " + v.files);
    }

    private static Arguments row(String behaviour, boolean git, String[] files, String probe, boolean ignored) {
        return Arguments.of(behaviour, git, files, probe, ignored);
    }

    private static String[] files(String... pathThenContent) {
        return pathThenContent;
    }
}
