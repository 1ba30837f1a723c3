package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A removed embedded store directory is rebuilt by the next index run, from the vector cache
 * (docs/ARCHITECTURE.md, invariant 9).
 */
class EmbeddedStoreLossTest {
    @TempDir
    Path root;
    @TempDir
    Path data;

    private JsonNode index() throws Exception {
        return CliRunner.json("index", root.toString(), "--data-dir", data.toString(), "--json", "--no-progress");
    }

    @Test
    void a_removed_store_directory_is_rebuilt_without_embedding_and_answers_searches() throws Exception {
        Files.writeString(root.resolve("Geometry.java"), """
                class Geometry {
                    /** Area of a circle from its radius. */
                    double circleArea(double radius) {
                        return Math.PI * radius * radius;
                    }
                }
                """);
        Files.writeString(root.resolve("net.py"), """
                import socket

                def open_connection(host, port):
                    \"\"\"Connect a TCP socket to the server.\"\"\"
                    return socket.create_connection((host, port), timeout=5)
                """);
        long chunks = index().path("chunks").path("total").asLong();
        Path store = RootDirs.of(data, root.toAbsolutePath().normalize()).resolve("lucene-bge-small-en-v1.5-q");
        try (Stream<Path> files = Files.walk(store)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        JsonNode again = index();
        assertEquals(2, again.path("files").path("indexed").asLong(), again.toString());
        assertEquals(0, again.path("chunks").path("embedded").asLong(), again.toString());
        assertEquals(chunks, again.path("chunks").path("reused").asLong());
        assertEquals(chunks, again.path("chunks").path("total").asLong());
        JsonNode hits = CliRunner.json("search", "connect a socket to a server", "--root", root.toString(),
                "--data-dir", data.toString(), "--json", "-k", "1");
        assertEquals("net.py", hits.path("results").get(0).path("path").asText(), hits.toString());
        assertEquals(0, index().path("files").path("indexed").asLong());
    }
}
