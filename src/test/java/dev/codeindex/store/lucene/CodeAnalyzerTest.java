package dev.codeindex.store.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeAnalyzerTest {
    private final CodeAnalyzer analyzer = new CodeAnalyzer();

    private List<String> terms(String text) {
        return List.copyOf(analyzer.terms("text", text));
    }

    @Test
    void snake_case_is_kept_whole_and_split_into_words() {
        assertEquals(List.of("parse_args", "parse", "args"), terms("parse_args"));
        assertEquals(List.of("__init__", "init"), terms("__init__"));
    }

    @Test
    void camel_case_and_acronyms_split_at_each_new_word() {
        assertEquals(List.of("resolvesymlinks", "resolve", "symlinks"), terms("resolveSymlinks"));
        assertEquals(List.of("httpserver", "http", "server"), terms("HTTPServer"));
        assertEquals(List.of("utf8decode", "utf8", "decode"), terms("utf8Decode"));
        assertEquals(List.of("xmlhttprequest", "xml", "http", "request"), terms("XMLHttpRequest"));
    }

    @Test
    void dots_and_punctuation_separate_identifiers() {
        assertEquals(List.of("hashmap", "hash", "map", "resize"), terms("HashMap.resize"));
        assertEquals(List.of("self", "read_token", "read", "token"), terms("self.read_token()"));
        assertEquals(List.of("parse", "the", "config", "file"), terms("Parse the config file."));
    }

    @Test
    void words_sit_at_the_position_of_their_identifier() throws Exception {
        try (var ts = analyzer.tokenStream("text", "a parse_args b")) {
            var inc = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            ts.reset();
            StringBuilder sb = new StringBuilder();
            while (ts.incrementToken()) {
                sb.append(term).append('+').append(inc.getPositionIncrement()).append(' ');
            }
            ts.end();
            assertEquals("a+1 parse_args+1 parse+0 args+0 b+1", sb.toString().strip());
        }
    }

    @Test
    void overlong_runs_are_dropped_and_non_latin_letters_kept() {
        assertEquals(List.of("x"), terms("a".repeat(CodeTokenizer.MAX_TOKEN_CHARS + 1) + " x"));
        assertEquals(List.of("größe", "zähler"), terms("größe + zähler"));
    }

    @Test
    void letters_beyond_ascii_are_lower_cased_and_split_like_ascii_ones() {
        assertEquals(List.of("école_größe", "école", "größe"), terms("ÉCOLE_Größe"));
        assertEquals(List.of("αβγδ", "αβ", "γδ"), terms("αβΓΔ"));
        assertEquals(List.of("istanbul"), terms("İstanbul")); // char by char: String.toLowerCase would make İ two chars
    }

    @Test
    void an_input_longer_than_the_read_buffer_is_read_to_its_end() {
        String text = "w ".repeat(5_000) + "LastWord";
        List<String> all = new java.util.ArrayList<>();
        try (var ts = analyzer.tokenStream("text", text)) {
            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                all.add(term.toString());
            }
            ts.end();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(5_003, all.size());
        assertEquals(List.of("lastword", "last", "word"), all.subList(5_000, 5_003));
    }
}
