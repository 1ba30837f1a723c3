package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.manifest.DataDirLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path root;
    @TempDir
    Path data;

    private void sample() throws Exception {
        Files.writeString(root.resolve("App.java"), "import java.util.List;\nclass App { void run() {} }\n");
        Files.writeString(root.resolve("tool.py"), "import os\n\ndef main():\n    pass\n");
        Files.createDirectories(root.resolve("node_modules/x"));
        Files.writeString(root.resolve("node_modules/x/index.js"), "module.exports = 1;\n");
        Files.writeString(root.resolve(".env"), "TOKEN=secret\n");
    }

    @Test
    void index_json_prints_the_contract_summary() throws Exception {
        sample();
        JsonNode s = CliRunner.json("index", root.toString(), "--offline", "--json", "--data-dir", data.toString());
        assertEquals(root.toAbsolutePath().normalize().toString(), s.path("root").asText());
        assertTrue(s.path("offline").asBoolean());
        for (String f : List.of("scanned", "indexed", "unchanged", "deleted", "moved")) {
            assertTrue(s.path("files").has(f), f);
        }
        for (String f : List.of("tooLarge", "binary", "unreadable", "ignored")) {
            assertTrue(s.path("files").path("skipped").has(f), f);
        }
        for (String f : List.of("scan", "chunk", "embed", "store", "commit")) {
            assertTrue(s.path("phasesMs").has(f), f);
        }
        assertEquals(2, s.path("files").path("indexed").asLong(), "node_modules and .env are not indexed");
        assertTrue(s.path("files").path("skipped").path("ignored").asLong() >= 2);
        assertEquals(1, s.path("languages").path("java").asLong());
        assertEquals(1, s.path("symbols").path("classes").asLong());
        assertEquals(2, s.path("symbols").path("functions").asLong(), "Java via JavaParser, Python via tree-sitter");
        assertEquals(2, s.path("symbols").path("imports").asLong());
        assertTrue(s.path("chunks").path("total").asLong() >= 2);
        assertEquals(0, s.path("chunks").path("embedded").asLong());
    }

    @Test
    void the_human_report_names_files_languages_and_symbols() throws Exception {
        sample();
        CliRunner.Result r = CliRunner.run("index", root.toString(), "--offline", "--data-dir", data.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Files: 2 · Languages: 2 ("), r.out());
        assertTrue(r.out().contains("Functions: "), r.out());
    }

    @Test
    void a_second_process_on_the_same_data_directory_gets_exit_3() throws Exception {
        sample();
        Path rootDir = RootDirs.of(data, root.toAbsolutePath().normalize());
        try (DataDirLock held = DataDirLock.acquire(rootDir)) {
            CliRunner.Result r = CliRunner.run("index", root.toString(), "--offline", "--data-dir", data.toString());
            assertEquals(3, r.exit());
            assertTrue(r.err().contains(rootDir.toString()), r.err());
        }
    }

    @Test
    void bad_usage_gets_exit_2_with_the_key_named() throws Exception {
        CliRunner.Result r = CliRunner.run("index", root.toString(), "--offline", "--max-file-size", "big",
                "--data-dir", data.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("index.maxFileSize"), r.err());
        assertEquals(2, CliRunner.run("index", root.resolve("missing").toString(), "--offline").exit());
        assertEquals(2, CliRunner.run("frobnicate").exit());
    }

    /** Found by a new-user trial: with a daemon running, an empty query was "missing query parameter q". */
    @Test
    void an_empty_query_gets_exit_2_saying_so() {
        for (String q : new String[] {"", "   "}) {
            CliRunner.Result r = CliRunner.run("search", q, "--root", root.toString(), "--data-dir", data.toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("the query is empty: give words or a name to search for"), r.err());
        }
    }

    /** Found by a new-user trial: a raw FileSystemException and exit 1. */
    @Test
    void a_data_dir_that_is_a_file_gets_exit_2_naming_it() throws Exception {
        sample();
        Path file = Files.writeString(data.resolve("not-a-dir"), "x");
        for (String command : new String[] {"index", "search", "status", "doctor"}) {
            String[] args = command.equals("index") ? new String[] {"index", root.toString(), "--offline", "--data-dir", file.toString()}
                    : command.equals("search") ? new String[] {"search", "q", "--root", root.toString(), "--data-dir", file.toString()}
                    : new String[] {command, "--data-dir", file.toString()};
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(2, r.exit(), command + ": " + r.err());
            assertTrue(r.err().contains(file + " is a file, not a directory"), command + ": " + r.err());
        }
        assertEquals("x", Files.readString(file), "left as it was");
    }

    @Test
    void status_shows_what_the_data_directory_holds() throws Exception {
        sample();
        CliRunner.json("index", root.toString(), "--offline", "--json", "--data-dir", data.toString());
        JsonNode st = CliRunner.json("status", "--json", "--data-dir", data.toString());
        JsonNode r = st.path("roots").get(0);
        assertEquals(root.toAbsolutePath().normalize().toString(), r.path("root").asText());
        assertEquals(2, r.path("files").asLong());
        assertEquals("done", r.path("checkpoint").path("phase").asText());
    }

    @Test
    void a_store_that_cannot_be_opened_gets_exit_4_and_records_nothing() throws Exception {
        sample();
        Path rootDir = RootDirs.of(data, root.toAbsolutePath().normalize());
        Files.createDirectories(rootDir);
        Files.writeString(rootDir.resolve("lucene-bge-small-en-v1.5-q"), "a file where the store's directory goes");
        CliRunner.Result r = CliRunner.run("index", root.toString(), "--data-dir", data.toString());
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("embedded store"), r.err());
        JsonNode st = CliRunner.json("status", "--json", "--data-dir", data.toString());
        assertEquals(0, st.path("roots").get(0).path("files").asLong(), "no file is recorded as indexed");
    }

    @Test
    void a_manifest_of_zeros_is_named_by_search_with_exit_5_and_repaired_by_the_next_index() throws Exception {
        sample();
        CliRunner.json("index", root.toString(), "--offline", "--data-dir", data.toString(), "--json", "--no-progress");
        Path rootDir = RootDirs.of(data, root.toAbsolutePath().normalize());
        Files.write(rootDir.resolve("manifest.db"), new byte[4096]); // zeros: not a MapDB file
        CliRunner.Result st = CliRunner.run("status", "--data-dir", data.toString());
        assertEquals(0, st.exit(), st.err());
        assertTrue(st.out().contains("is damaged") && st.out().contains("codeindex doctor"), st.out());
        CliRunner.Result r = CliRunner.run("index", root.toString(), "--offline", "--data-dir", data.toString(),
                "--no-progress");
        assertEquals(0, r.exit(), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(Files.exists(rootDir.resolve("damaged-1").resolve("manifest.db")), "kept aside for a person");
        JsonNode after = CliRunner.json("status", "--json", "--data-dir", data.toString());
        assertTrue(after.path("roots").get(0).path("files").asLong() > 0, after.toString());
    }

    @Test
    void a_store_whose_commit_is_overwritten_is_exit_5_for_search_and_rebuilt_by_index_without_embedding() throws Exception {
        sample();
        CliRunner.json("index", root.toString(), "--data-dir", data.toString(), "--json", "--no-progress");
        Path store = RootDirs.of(data, root.toAbsolutePath().normalize()).resolve("lucene-bge-small-en-v1.5-q");
        try (var files = Files.list(store)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            }
        }
        CliRunner.Result s = CliRunner.run("search", "config", "--root", root.toString(), "--data-dir", data.toString());
        assertEquals(Main.DAMAGED, s.exit(), s.err());
        assertTrue(s.err().contains("is damaged") && s.err().contains(store.toString()), s.err());
        JsonNode again = CliRunner.json("index", root.toString(), "--data-dir", data.toString(), "--json", "--no-progress");
        assertEquals(0, again.path("chunks").path("embedded").asLong(), again.toString());
        assertEquals(0, CliRunner.run("search", "config", "--root", root.toString(), "--data-dir", data.toString()).exit());
    }

    @Test
    void a_file_whose_name_is_not_valid_utf8_is_counted_as_unreadable_not_lost() throws Exception {
        Files.writeString(root.resolve("ok.py"), "x = 1\n");
        // a name with the bytes FF FE: Java cannot spell it, so the shell writes it
        Process p = new ProcessBuilder("sh", "-c", "printf 'def f():\\n    return 1\\n' > \"$(printf 'bad\\377\\376name.py')\"")
                .directory(root.toFile()).redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "this file system refuses such names");
        JsonNode s = CliRunner.json("index", root.toString(), "--offline", "--data-dir", data.toString(), "--json",
                "--no-progress");
        assertEquals(2, s.path("files").path("scanned").asLong(), s.toString());
        assertEquals(1, s.path("files").path("indexed").asLong(), s.toString());
        assertEquals(1, s.path("files").path("skipped").path("unreadable").asLong(), "counted, not lost: " + s);
    }
}
