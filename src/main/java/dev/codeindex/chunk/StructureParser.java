package dev.codeindex.chunk;

/**
 * Finds the structure of one language's source files.
 *
 * <p>Threading: implementations are shared by all worker threads and must be thread-safe
 * (parsers that are not, such as JavaParser or a tree-sitter parser, are kept one per thread).
 *
 * <p>Errors: a file the parser cannot make sense of throws {@link ParseFailure}; the caller then
 * falls back to line windows and counts the file. Nothing else may escape.
 */
public interface StructureParser {
    Structure parse(SourceFile file) throws ParseFailure;
}
