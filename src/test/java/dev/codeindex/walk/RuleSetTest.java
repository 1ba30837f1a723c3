package dev.codeindex.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RuleSet's name and extension index never changes JGit's answer. */
class RuleSetTest {
    private static final String[] PATTERNS = {
        "foo", "/foo", "foo/", "!foo", "bar.c", "*.c", "!*.c", "*.tar.gz", "*.gz", "*.o.*", "*.[oa]",
        "*.tab.[ch]", "\\#*#", "#c", "a/b", "a/**/b", "**/foo", "foo/**", "*", "*.", ".*", "!.keep", "f?o",
        "[Ff]oo", "*foo*", "x/*.c", "/x/", "**/x/*.c", "foo.c/", "a b", "foo\\ ", "*.min.js", "!a.min.js",
        "node_modules/", "*~", ".env.*", "!.env.example", "id_rsa*", "/*.spec", "lib*.so", "*.C",
        "/vmlinux*", "*.so.?", "a?b*c", "x/y*z", "?", "*.o.*c",
    };
    private static final String[] SEGMENTS = {
        "foo", "bar.c", "a", "b", "x", "c.tar.gz", "y.gz", "m.o.d", "lib.a", "p.tab.c", "#t#", "f0o", "Foo",
        "foo.c", "a b", "foo ", "app.min.js", "a.min.js", "node_modules", "k~", ".env.local", ".env.example",
        "id_rsa.pub", "k.spec", "libz.so", "X.C", ".keep", ".hidden", "z.", "FOO",
        "vmlinux", "vmlinux.o", "xvmlinux", "lib.so.1", "aXbYc", "abc", "y1z", "yz", "a.o.c", "a.o.b",
    };

    @Test
    void indexed_matching_agrees_with_jgit_ignore_node_on_random_rules_and_paths() {
        Random random = new Random(42);
        for (int round = 0; round < 400; round++) {
            List<String> lines = new ArrayList<>();
            int n = 1 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                lines.add(PATTERNS[random.nextInt(PATTERNS.length)]);
            }
            RuleSet set = RuleSet.of(lines);
            IgnoreNode node = nodeOf(lines);
            for (int p = 0; p < 60; p++) {
                String path = randomPath(random);
                for (boolean isDir : new boolean[] {false, true}) {
                    Boolean expected = node.checkIgnored(path, isDir);
                    Boolean actual = set == null ? null : set.check(path, isDir);
                    assertEquals(expected, actual, () -> lines + " on " + path + " dir=" + isDir);
                }
            }
        }
    }

    @Test
    void an_ignore_file_reads_as_jgit_reads_it_whatever_its_line_ends_and_bom(@TempDir Path dir) throws Exception {
        // BOM, CRLF, a lone CR, a blank line, no final newline
        String lines = "*.log\r\n!keep.log\rbuild/\n\n/tmp";
        Path file = dir.resolve(".gitignore");
        Files.write(file, ("\uFEFF" + lines).getBytes(StandardCharsets.UTF_8));
        RuleSet set = RuleSet.read(file);
        IgnoreNode node = new IgnoreNode(); // JGit keeps a BOM as part of the first rule; git drops it, as we do
        node.parse(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
        for (String path : new String[] {"a.log", "keep.log", "build", "tmp", "x/tmp", "x.txt"}) {
            for (boolean isDir : new boolean[] {false, true}) {
                assertEquals(node.checkIgnored(path, isDir), set.check(path, isDir), path + " dir=" + isDir);
            }
        }
        assertEquals(Boolean.TRUE, set.check("a.log", false));
        assertEquals(Boolean.FALSE, set.check("keep.log", false));
        assertEquals(Boolean.TRUE, set.check("build", true));
    }

    @Test
    void an_ignore_file_that_is_not_utf8_is_an_error_not_a_garbled_rule(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".gitignore");
        Files.write(file, new byte[] {'*', '.', (byte) 0xff, '\n'});
        assertThrows(CharacterCodingException.class, () -> RuleSet.read(file));
    }

    @Test
    void file_of_comments_and_blanks_has_no_rules() {
        assertNull(RuleSet.of(List.of("# comment", "", "/")));
    }

    @Test
    void concatenated_sets_let_the_second_win() {
        RuleSet low = RuleSet.of(List.of("*.log"));
        RuleSet high = RuleSet.of(List.of("!keep.log"));

        assertEquals(Boolean.FALSE, RuleSet.concat(low, high).check("keep.log", false));
        assertEquals(Boolean.TRUE, RuleSet.concat(high, low).check("keep.log", false));
    }

    private static String randomPath(Random random) {
        int depth = 1 + random.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
        return sb.toString();
    }

    private static IgnoreNode nodeOf(List<String> lines) {
        List<FastIgnoreRule> rules = new ArrayList<>();
        for (String line : lines) {
            FastIgnoreRule r = new FastIgnoreRule(line);
            if (!r.isEmpty() && !line.startsWith("#")) {
                rules.add(r);
            }
        }
        return new IgnoreNode(rules);
    }
}
