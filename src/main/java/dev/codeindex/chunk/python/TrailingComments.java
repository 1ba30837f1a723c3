package dev.codeindex.chunk.python;

import java.util.Arrays;

/**
 * Comment-only lines between two logical lines. A block keeps the comments after its last
 * statement that are indented deeper than its header, up to the first one that is not (the rule
 * tree-sitter's Python grammar applies), so both parsers end a definition on the same line.
 */
final class TrailingComments {
    private int[] lines = new int[16];
    private int[] cols = new int[16];
    private int size;

    void add(int line, int col) {
        if (size == lines.length) {
            lines = Arrays.copyOf(lines, size * 2);
            cols = Arrays.copyOf(cols, size * 2);
        }
        lines[size] = line;
        cols[size] = col;
        size++;
    }

    void clear() {
        size = 0;
    }

    /** The last line of a block whose header is indented {@code headerIndent} and whose code ends at {@code lastLine}. */
    int endFor(int headerIndent, int lastLine) {
        int end = lastLine;
        for (int k = 0; k < size && cols[k] > headerIndent; k++) {
            end = lines[k];
        }
        return end;
    }
}
