package dev.codeindex.cli;

import dev.codeindex.chunk.StructureParser;
import dev.codeindex.chunk.java.JavaStructureParser;
import java.util.HashMap;
import java.util.Map;

/** The structure parser of every language that has one. */
final class Parsers {
    private Parsers() {}

    static Map<String, StructureParser> all() {
        Map<String, StructureParser> m = new HashMap<>();
        m.put("java", new JavaStructureParser());
        return m;
    }
}
