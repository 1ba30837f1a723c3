package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigLoader;
import dev.codeindex.config.Key;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codeindex mcp A B}: a root that cannot answer was left out of a search over all roots without
 * a word, so "nothing defines X" read as true of every root (a new-user trial). The answer now names it.
 */
class ServedRootsTest {
    @TempDir
    Path tmp;

    @Test
    void a_root_that_cannot_answer_is_named_in_the_answer_of_the_others() throws Exception {
        Path indexed = Files.createDirectories(tmp.resolve("indexed"));
        Files.writeString(indexed.resolve("heap.py"), "def heappop(heap):\n    return heap.pop()\n");
        Path never = Files.createDirectories(tmp.resolve("never"));
        Files.writeString(never.resolve("atomic.py"), "def get_and_add(x):\n    return x\n");
        Path data = tmp.resolve("data");
        assertEquals(0, CliRunner.run("index", indexed.toString(), "--data-dir", data.toString(), "--no-progress").exit());

        Config config = new ConfigLoader(Map.of("HOME", tmp.toString()), List::of)
                .load(null, Map.of(Key.DATA_DIR, data.toString()));
        try (ServedRoots roots = new ServedRoots(List.of(new RootSource(config, indexed), new RootSource(config, never)))) {
            SearchAnswer a = roots.findSymbol(new SymbolRequest("get_and_add", 5, null));
            assertTrue(a.results().isEmpty());
            assertEquals(1, a.notes().size(), a.toString());
            assertTrue(a.notes().get(0).startsWith(never + " could not be searched (")
                    && a.notes().get(0).endsWith("its files are not in these results"), a.notes().get(0));

            SearchAnswer found = roots.findSymbol(new SymbolRequest("heappop", 5, null));
            assertEquals("heap.py", found.results().get(0).path());
            assertEquals(1, found.notes().size(), "the hits say what they leave out too");
            String mcp = dev.codeindex.api.json.ApiJson.search(a).toString();
            assertTrue(mcp.contains("\"notes\":[\"" + never), mcp);
        }
    }

    /** `codeindex mcp /a/typo` served it, and its index tool made an index of nothing (a new-user trial). */
    @Test
    void a_root_that_is_no_directory_and_has_no_index_is_refused_at_start() {
        CliRunner.Result r = CliRunner.run("mcp", tmp.resolve("typo").toString(), "--data-dir", tmp.resolve("d").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("no directory " + tmp.resolve("typo") + ", and nothing is indexed for it"), r.err());
        assertTrue(!Files.exists(tmp.resolve("d").resolve("roots")), "no folder is made for it");
    }
}
