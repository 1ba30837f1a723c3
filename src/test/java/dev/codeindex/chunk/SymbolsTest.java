package dev.codeindex.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SymbolsTest {
    @Test
    void the_last_part_is_what_follows_the_last_dot() {
        assertEquals("next", Symbols.lastPart("HashMap.Node.next"));
        assertEquals("parse_args", Symbols.lastPart("parse_args"));
        assertEquals("", Symbols.lastPart(""));
        assertEquals("", Symbols.lastPart("Trailing."));
    }
}
