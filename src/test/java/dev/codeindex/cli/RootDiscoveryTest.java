package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code search --root DIR} from inside an indexed root, with the real bundled model. */
class RootDiscoveryTest {
    @TempDir
    Path tree;
    @TempDir
    Path data;

    private void index(Path root) throws Exception {
        CliRunner.json("index", root.toString(), "--data-dir", data.toString(), "--json", "--no-progress");
    }

    private CliRunner.Result search(String q, Path dir, String... more) {
        String[] args = {"search", q, "--root", dir.toString(), "--data-dir", data.toString(), "--json", "-k", "3"};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRunner.run(all);
    }

    @Test
    void a_search_from_a_subdirectory_finds_the_root_that_contains_it() throws Exception {
        Path root = tree.resolve("repo");
        Path sub = root.resolve("src/util");
        Files.createDirectories(sub);
        SampleSources.write(root, "Geometry.java");
        SampleSources.write(root, "net.py");
        SampleSources.write(sub, "settings.py");
        index(root);

        CliRunner.Result r = search("how far apart are two points", sub);
        assertEquals(0, r.exit(), r.err());
        JsonNode answer = new ObjectMapper().readTree(r.out()); // stdout is the JSON alone
        assertEquals("Geometry.java", answer.path("results").get(0).path("path").asText(), r.out());
        assertTrue(r.err().contains("searching the index of " + root + " (the root that contains " + sub + ")"), r.err());
        assertFalse(r.out().contains("searching the index"), r.out());

        CliRunner.Result here = search("how far apart are two points", sub, "--here");
        assertEquals(0, here.exit(), here.err());
        for (JsonNode hit : new ObjectMapper().readTree(here.out()).path("results")) {
            assertTrue(hit.path("path").asText().startsWith("src/util/"), here.out());
        }

        CliRunner.Result atRoot = search("how far apart are two points", root);
        assertEquals(0, atRoot.exit(), atRoot.err());
        assertFalse(atRoot.err().contains("searching the index"), atRoot.err());
    }

    @Test
    void a_directory_outside_every_root_is_told_to_index_it() throws Exception {
        Path root = tree.resolve("repo");
        Path outside = tree.resolve("elsewhere/src");
        Files.createDirectories(outside);
        Files.createDirectories(root);
        SampleSources.write(root, "Geometry.java");
        index(root);

        CliRunner.Result r = search("two points", outside);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("nothing is indexed for " + outside), r.err());
        assertTrue(r.err().contains("run: codeindex index " + outside + " --data-dir " + data), r.err());
        assertEquals("", r.out());
    }

    /** Found by a new-user trial: the advice was the command just run, without the --data-dir in use. */
    @Test
    void an_index_made_offline_is_told_to_be_indexed_without_offline_in_its_data_dir() throws Exception {
        Path root = tree.resolve("repo");
        Files.createDirectories(root);
        SampleSources.write(root, "Geometry.java");
        CliRunner.json("index", root.toString(), "--offline", "--data-dir", data.toString(), "--json", "--no-progress");

        CliRunner.Result r = search("two points", root);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(root + " was indexed offline in " + data), r.err());
        assertTrue(r.err().contains("neither search by meaning nor by symbol"), "true of --symbol too (a new-user"
                + " trial read 'nothing to search by meaning' for a symbol search): " + r.err());
        assertTrue(r.err().contains("run: codeindex index " + root + " --data-dir " + data + " (without --offline"), r.err());

        // its directory gone, it is still an index made offline, not "nothing indexed" (found in review)
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        CliRunner.Result gone = search("two points", root);
        assertEquals(2, gone.exit(), gone.err());
        assertTrue(gone.err().contains(root + " was indexed offline"), gone.err());

        // a run that indexed nothing (it failed on an unreadable root, say) is no index made offline (a new-user trial)
        Path empty = Files.createDirectories(tree.resolve("empty"));
        CliRunner.json("index", empty.toString(), "--offline", "--data-dir", data.toString(), "--json", "--no-progress");
        CliRunner.Result none = search("two points", empty);
        assertEquals(2, none.exit(), none.err());
        assertTrue(none.err().contains("nothing is indexed for " + empty), none.err());
    }

    @Test
    void a_root_that_does_not_exist_is_not_told_to_be_indexed() throws Exception {
        Path gone = tree.resolve("no-such-dir");
        CliRunner.Result r = search("two points", gone);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("no directory " + gone), r.err());
        assertFalse(r.err().contains("run: codeindex index"), r.err());
    }

    @Test
    void the_deepest_of_two_nested_indexed_roots_wins() throws Exception {
        Path outer = tree.resolve("repo");
        Path inner = outer.resolve("lib");
        Path dir = inner.resolve("pkg");
        Files.createDirectories(dir);
        SampleSources.write(outer, "Geometry.java");
        SampleSources.write(dir, "net.py");
        index(outer);
        index(inner);

        CliRunner.Result r = search("how far apart are two points", dir);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("searching the index of " + inner + " "), r.err());
        for (JsonNode hit : new ObjectMapper().readTree(r.out()).path("results")) {
            assertEquals("pkg/net.py", hit.path("path").asText(), r.out());
        }
    }

    /**
     * From the parent of watched roots, search said to index the parent, which would index them all again
     * (a new-user trial): it names the roots below instead.
     */
    @Test
    void the_parent_of_watched_roots_names_them_instead_of_asking_to_index_it() throws Exception {
        Path parent = Files.createDirectories(tree.resolve("trees"));
        Path py = Files.createDirectories(parent.resolve("py"));
        Path js = Files.createDirectories(parent.resolve("js"));
        Path file = WatchCommand.writeDaemonFile(data, "http://127.0.0.1:1", new java.util.LinkedHashSet<>(List.of(py, js)));
        try {
            CliRunner.Result r = search("heap", parent);
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("roots below it: " + js + ", " + py), r.err());
            assertTrue(!r.err().contains("run: codeindex index " + parent), r.err());
        } finally {
            Files.delete(file);
        }
    }

    /** The folders of the data directory that hold an index. */
    private List<Path> indexes() throws Exception {
        return RootDirs.all(data);
    }

    /**
     * A root given through a symbolic link, searched from its real directory (what the shell's {@code cd link}
     * gives a process as its working directory): search said nothing was indexed and to index the real
     * directory, which made a second index beside the link's (a user trial).
     */
    @Test
    void a_root_indexed_through_a_link_is_found_from_its_real_directory_and_below() throws Exception {
        Path real = tree.resolve("tiny");
        Path sub = real.resolve("src/util");
        Files.createDirectories(sub);
        SampleSources.write(real, "Geometry.java");
        SampleSources.write(sub, "settings.py");
        Path link = Files.createSymbolicLink(tree.resolve("tinylink"), real);
        index(link);

        CliRunner.Result r = search("how far apart are two points", real);
        assertEquals(0, r.exit(), r.err());
        JsonNode answer = new ObjectMapper().readTree(r.out());
        assertEquals("Geometry.java", answer.path("results").get(0).path("path").asText(), r.out());
        assertEquals(link.toString(), answer.path("results").get(0).path("root").asText(), r.out());
        assertTrue(r.err().contains("searching the index of " + link + " (the root that contains " + real), r.err());

        CliRunner.Result below = search("read the settings file", sub, "--here");
        assertEquals(0, below.exit(), below.err());
        JsonNode hits = new ObjectMapper().readTree(below.out()).path("results");
        assertTrue(hits.size() > 0, below.out());
        for (JsonNode hit : hits) {
            assertTrue(hit.path("path").asText().startsWith("src/util/"), below.out());
        }

        JsonNode context = CliRunner.json("context", real.resolve("Geometry.java") + ":9", "--data-dir", data.toString(),
                "--json");
        assertEquals(link.toString(), context.path("root").asText(), context.toString());
        assertEquals("Geometry.distance", context.path("symbol").asText(), context.toString());
        assertEquals(List.of(RootDirs.of(data, link)), indexes(), "search made no second index");
    }

    /** The command search used to suggest from the real directory made a second, unwatched index of the tree. */
    @Test
    void indexing_the_real_directory_of_a_root_indexed_through_a_link_updates_that_root() throws Exception {
        Path real = Files.createDirectories(tree.resolve("tiny"));
        SampleSources.write(real, "Geometry.java");
        Path link = Files.createSymbolicLink(tree.resolve("tinylink"), real);
        index(link);
        SampleSources.write(real, "net.py");

        CliRunner.Result r = CliRunner.run("index", real.toString(), "--data-dir", data.toString(), "--json", "--no-progress");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("indexing " + link), r.err());
        assertEquals(List.of(RootDirs.of(data, link)), indexes(), "no second index of the same directory");
        JsonNode hit = new ObjectMapper().readTree(search("connect a TCP socket to the server", real).out())
                .path("results").get(0);
        assertEquals("net.py", hit.path("path").asText(), hit.toString());
        assertEquals(link.toString(), hit.path("root").asText(), hit.toString());
    }
}
