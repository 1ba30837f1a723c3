package dev.codeindex.cli;

import dev.codeindex.chunk.StructureParser;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.chunk.python.PythonStructureParser;
import dev.codeindex.chunk.treesitter.TreeSitterParsers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The structure parser of every language that has one. */
final class Parsers {
    static final List<String> TREE_SITTER = List.of("python", "javascript", "typescript", "tsx", "go", "rust", "c", "cpp");

    private Parsers() {}

    static Map<String, StructureParser> all() {
        Map<String, StructureParser> m = new HashMap<>();
        m.put("java", new JavaStructureParser());
        for (String lang : TREE_SITTER) {
            StructureParser p = TreeSitterParsers.forLanguage(lang);
            if (p != null) {
                m.put(lang, lang.equals("python") ? new PythonStructureParser(p) : p);
            }
        }
        return m;
    }
}
