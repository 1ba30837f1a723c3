package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one line `codeindex search` shows under each hit. */
class SearchPreviewTest {
    @Test
    void the_first_line_of_code_is_shown() {
        assertEquals("public V put(K key, V value) {", SearchCommand.preview("""
                /**
                 * Maps the key to the value.
                 */
                @Override
                public V put(K key, V value) {
                    return putVal(key, value, false);
                }"""));
    }

    /** Found by a new-user trial: a snippet that is all doc comment showed only "…". */
    @Test
    void a_snippet_that_is_all_comment_shows_its_first_line_with_words() {
        assertEquals("* Maps the specified key to the specified value in this table.", SearchCommand.preview("""
                /**
                 * Maps the specified key to the specified value in this table.
                 * Neither the key nor the value can be null.
                 …"""));
        assertEquals("# Installing", SearchCommand.preview("# Installing\n\n…"));
        assertEquals("}", SearchCommand.preview("}\n"));
        assertEquals("", SearchCommand.preview(""));
    }
}
