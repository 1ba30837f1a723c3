package dev.codeindex.chunk;

/**
 * Finds where a definition really starts: the comments, doc comments and attributes above its first
 * line belong to it. Going up from the definition, it takes:
 *
 * <ul>
 *   <li>comment lines and whole block comments right above (any comment: it describes what follows);</li>
 *   <li>attributes: decorators and annotations ({@code @Get()}, also spread over several lines) and
 *       Rust's {@code #[…]}, with the comments above them;</li>
 *   <li>across up to {@link #MAX_BLANK_LINES} blank lines, a doc comment ({@code /** … *}{@code /} or
 *       {@code ///} lines) in the languages where it still documents what follows
 *       ({@link CommentStyle#docAcrossBlank}), unless it reads as a file header (a licence, a module
 *       overview).</li>
 * </ul>
 *
 * A plain comment (or Python's {@code #}) separated by a blank line stays where it is: it may head a
 * section of the file rather than describe the definition. Never goes above {@code floor}.
 */
final class LeadingLines {
    static final int MAX_BLANK_LINES = 2;
    /** Lines searched upward for the opening of a block comment or of a multi-line attribute. */
    private static final int MAX_BLOCK_LINES = 400;
    private static final int MAX_ATTRIBUTE_LINES = 30;

    private LeadingLines() {}

    /** The first line of the definition that starts at {@code start}, with what leads into it; never below {@code floor}. */
    static int start(SourceLines lines, CommentStyle style, int start, int floor) {
        int i = start - 1;
        while (i >= floor) {
            if (lines.isBlankLine(i)) {
                int j = i;
                while (j >= floor && lines.isBlankLine(j)) {
                    j--;
                }
                if (j < floor || i - j > MAX_BLANK_LINES || !style.docAcrossBlank()) {
                    break;
                }
                int doc = docEndingAt(lines, style, j, floor);
                if (doc < 0) {
                    break;
                }
                start = doc;
                i = doc - 1;
                continue;
            }
            int unit = unitEndingAt(lines, style, i, floor);
            if (unit < 0) {
                break;
            }
            start = unit;
            i = unit - 1;
        }
        return start;
    }

    /** First line of the comment or attribute that ends on line {@code i}, or -1 when line i ends neither. */
    private static int unitEndingAt(SourceLines lines, CommentStyle style, int i, int floor) {
        String t = lines.line(i).strip();
        if (style.blockComments() && t.endsWith("*/")) {
            int open = blockOpening(lines, i, floor);
            if (open >= 0) {
                return open;
            }
        }
        if (style.isCommentLine(t)) {
            return t.startsWith("/*") && !t.endsWith("*/") ? -1 : i;
        }
        if (style.startsAttribute(t) && balance(t) == 0) {
            return i;
        }
        if (!style.attributeStarts().isEmpty() && balance(t) < 0) {
            // the last line of an attribute spread over several lines: @Component({ … })
            int sum = 0;
            for (int k = i; k >= floor && k > i - MAX_ATTRIBUTE_LINES; k--) {
                String s = lines.line(k).strip();
                sum += balance(s);
                if (sum >= 0) {
                    return sum == 0 && style.startsAttribute(s) ? k : -1;
                }
            }
        }
        return -1;
    }

    /** First line of a doc comment that ends on line {@code j}, or -1 when what ends there is not one. */
    private static int docEndingAt(SourceLines lines, CommentStyle style, int j, int floor) {
        String t = lines.line(j).strip();
        int first;
        if (t.endsWith("*/")) {
            first = blockOpening(lines, j, floor);
            if (first < 0) {
                return -1;
            }
            String open = lines.line(first).strip();
            if (!open.startsWith("/**") || open.startsWith("/**/")) {
                return -1;
            }
        } else if (isTripleSlash(t)) {
            first = j;
            while (first - 1 >= floor && isTripleSlash(lines.line(first - 1).strip())) {
                first--;
            }
        } else {
            return -1;
        }
        return CommentStyle.isFileHeader(lines.text(first, j)) ? -1 : first;
    }

    /** {@code ///} doc lines; not TypeScript's {@code /// <reference …/>} directives. */
    private static boolean isTripleSlash(String t) {
        return t.startsWith("///") && !t.startsWith("////") && !t.startsWith("/// <");
    }

    /**
     * The line that opens the block comment closed on line {@code end}: the nearest line above (or
     * the same) that starts with {@code /*}; -1 when a line in between has code before the comment or
     * another comment closes first (then {@code *}{@code /} was not the end of a leading comment).
     */
    private static int blockOpening(SourceLines lines, int end, int floor) {
        for (int k = end; k >= floor && k > end - MAX_BLOCK_LINES; k--) {
            String s = lines.line(k).strip();
            int open = s.lastIndexOf("/*");
            if (k < end && s.endsWith("*/") && (open < 0 || s.indexOf("*/") < open)) {
                return -1; // another comment closes here: line `end` closed a comment that opened mid-line
            }
            if (open >= 0) {
                return s.startsWith("/*") && s.indexOf("/*") == open ? k : -1;
            }
        }
        return -1;
    }

    /** Opening minus closing brackets on a line. */
    private static int balance(String s) {
        int b = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                b++;
            } else if (c == ')' || c == ']' || c == '}') {
                b--;
            }
        }
        return b;
    }
}
