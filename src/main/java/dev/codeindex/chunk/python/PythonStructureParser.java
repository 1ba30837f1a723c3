package dev.codeindex.chunk.python;

import dev.codeindex.chunk.ParseFailure;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.Structure;
import dev.codeindex.chunk.StructureParser;

/**
 * Python structure: the fast {@link PythonScanner} when it is sure, else the exact parser
 * (tree-sitter, which also decides what Python would refuse). Both count by Python's {@code ast}
 * rules; a test holds them to the same answers on the standard library. Thread-safe when the
 * exact parser is.
 */
public final class PythonStructureParser implements StructureParser {
    private final StructureParser exact;

    public PythonStructureParser(StructureParser exact) {
        this.exact = exact;
    }

    @Override
    public Structure parse(SourceFile file) throws ParseFailure {
        Structure fast = PythonScanner.scan(file.text());
        return fast != null ? fast : exact.parse(file);
    }
}
