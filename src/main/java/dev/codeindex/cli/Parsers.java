package dev.codeindex.cli;

import dev.codeindex.chunk.StructureParser;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.chunk.python.PythonStructureParser;
import dev.codeindex.chunk.treesitter.TreeSitterParsers;
import java.util.HashMap;
import java.util.Map;

/** The structure parser of every language that has one. */
final class Parsers {
    private Parsers() {}

    static Map<String, StructureParser> all() {
        Map<String, StructureParser> m = new HashMap<>();
        m.put("java", new JavaStructureParser());
        for (String lang : TreeSitterParsers.LANGUAGES) {
            StructureParser p = TreeSitterParsers.forLanguage(lang);
            if (p != null) {
                m.put(lang, lang.equals("python") ? new PythonStructureParser(p) : p);
            }
        }
        return m;
    }
}
