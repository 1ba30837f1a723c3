package dev.codeindex.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.manifest.FileState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a file's bytes become: text as UTF-8 decodes it, or ISO-8859-1 when it is not UTF-8, within the size cap. */
class SourceReaderTest {
    @TempDir
    Path dir;

    private ReadResult read(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return new SourceReader(1 << 20).read(name, p);
    }

    @Test
    void utf8_text_is_decoded_whatever_its_characters() throws Exception {
        String text = "ascii, caf\u00e9, \u4e2d\u6587, \uD83D\uDE00, and a real replacement character \uFFFD\n";
        ReadResult r = read("a.txt", text.getBytes(StandardCharsets.UTF_8));
        assertEquals(FileState.INDEXED, r.state());
        assertEquals(text, r.text());
        assertFalse(r.encodingFallback());
    }

    /**
     * A 3 MB one-line bundle (not named *.min.js) became ~4,600 chunks: minutes of embedding that held up
     * every edit, and hits that matched every query a little (a new-user trial). Text with lines of
     * thousands of characters is skipped as minified; code with one long line is not.
     */
    @Test
    void minified_text_is_skipped_and_code_with_a_long_line_is_not() throws Exception {
        String bundle = "var a=1;".repeat(100_000); // 800 KB: within the 1 MB cap of this reader
        ReadResult one = read("bundle.js", bundle.getBytes(StandardCharsets.UTF_8));
        assertEquals(FileState.MINIFIED, one.state());
        assertEquals(bundle.length(), one.size());
        assertEquals(FileState.MINIFIED, read("data.json", ("{\"rows\":[" + "[1,2,3],".repeat(5_000) + "[0]]}\n")
                .getBytes(StandardCharsets.UTF_8)).state(), "data on one line too");
        assertEquals(FileState.MINIFIED, read("two.js", ("/* header */\n" + "f(x);".repeat(4_000) + "\n" + "g(y);".repeat(4_000))
                .getBytes(StandardCharsets.UTF_8)).state(), "a bundle with a short header line");

        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            code.append("def f").append(i).append("(x):\n    return x + ").append(i).append("\n");
        }
        code.append("TABLE = [").append("12345, ".repeat(3_000)).append("]\n");
        assertEquals(FileState.INDEXED, read("table.py", code.toString().getBytes(StandardCharsets.UTF_8)).state(),
                "one long line in ordinary code is no bundle");
        assertEquals(FileState.INDEXED, read("short.js", "x".repeat(9_000).getBytes(StandardCharsets.UTF_8)).state());
        assertEquals(FileState.INDEXED, read("classic.c", code.toString().replace('\n', '\r').getBytes(StandardCharsets.UTF_8))
                .state(), "lines that end with a lone CR are lines (found in review)");
    }

    @Test
    void a_byte_order_mark_is_not_text() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "x = 1\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(bom, 3 + body.length);
        System.arraycopy(body, 0, all, 3, body.length);
        ReadResult r = read("b.py", all);
        assertEquals("x = 1\n", r.text());
        assertFalse(r.encodingFallback());
    }

    @Test
    void bytes_that_are_not_utf8_are_read_as_iso_8859_1_and_counted() throws Exception {
        // 0xE9 alone is malformed UTF-8; decoding it leniently would give U+FFFD and lose the byte
        ReadResult r = read("c.c", "/* caf\u00e9 \uFFFD? */".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(r.encodingFallback());
        assertEquals(new String("/* caf\u00e9 \uFFFD? */".getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1),
                r.text());
    }

    @Test
    void reading_stops_one_byte_past_the_cap_whatever_the_stat_said() throws Exception {
        Path p = dir.resolve("d.bin");
        byte[] content = new byte[100];
        Arrays.fill(content, (byte) 'a');
        Files.write(p, content);
        assertArrayEquals(content, SourceReader.readCapped(p, 100, 200), "as stat'ed");
        assertArrayEquals(content, SourceReader.readCapped(p, 40, 200), "grew after the stat");
        assertEquals(81, SourceReader.readCapped(p, 40, 80).length, "grew past the cap: one byte more tells");
        assertEquals(81, SourceReader.readCapped(p, 100, 80).length, "stat'ed past the cap");
        assertArrayEquals(content, SourceReader.readCapped(p, 150, 200), "shrank after the stat");
        assertArrayEquals(content, SourceReader.readCapped(p, 0, 200), "stat'ed empty, then grew");
    }
}
