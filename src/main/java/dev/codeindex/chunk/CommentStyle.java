package dev.codeindex.chunk;

import java.util.List;
import java.util.Locale;

/**
 * How one language writes the lines that lead into a definition: line comments, block comments,
 * doc comments and attributes (decorators, annotations). Used by {@link LeadingLines} to attach them
 * to the code they describe.
 *
 * @param linePrefixes   prefixes of a comment line ({@code //}, {@code #})
 * @param blockComments  whether {@code /* … *}{@code /} block comments exist
 * @param docAcrossBlank whether a doc comment ({@code /**}, {@code ///}) still belongs to the definition
 *                       below it when blank lines separate them (not in Go, where a blank line ends a doc comment)
 * @param attributeStarts how an attribute line starts ({@code @} for decorators and annotations, {@code #[} in Rust)
 */
record CommentStyle(List<String> linePrefixes, boolean blockComments, boolean docAcrossBlank,
                    List<String> attributeStarts) {
    private static final CommentStyle NONE = new CommentStyle(List.of(), false, false, List.of());

    /** Words that make a comment a file's header (a licence, a module's description), never a definition's doc. */
    private static final List<String> FILE_HEADER_WORDS = List.of("@license", "copyright", "spdx-license-identifier",
            "@file", "@fileoverview", "@overview", "@module", "@packagedocumentation", "@preserve");

    static CommentStyle of(String language) {
        return switch (language) {
            case "java", "kotlin", "scala", "groovy", "dart" -> cLike(true, List.of("@"));
            case "javascript", "typescript", "tsx" -> cLike(true, List.of("@"));
            case "rust" -> cLike(true, List.of("#["));
            case "c", "cpp", "csharp", "swift", "php", "objc", "zig" -> cLike(true, List.of());
            case "go" -> cLike(false, List.of());
            case "python" -> new CommentStyle(List.of("#"), false, false, List.of("@"));
            case "shell", "ruby", "perl", "r", "yaml", "toml", "makefile", "cmake", "elixir" ->
                    new CommentStyle(List.of("#"), false, false, List.of());
            default -> NONE;
        };
    }

    private static CommentStyle cLike(boolean docAcrossBlank, List<String> attributeStarts) {
        return new CommentStyle(List.of("//", "/*"), true, docAcrossBlank, attributeStarts);
    }

    /** Whether a stripped line is a whole comment line of this language. */
    boolean isCommentLine(String t) {
        for (String p : linePrefixes) {
            if (t.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a stripped line starts an attribute ({@code @Override}, {@code @app.route(…)}, {@code #[derive(…)]}). */
    boolean startsAttribute(String t) {
        for (String a : attributeStarts) {
            if (t.startsWith(a) && t.length() > a.length()) {
                char c = t.charAt(a.length());
                if (a.equals("#[") || Character.isLetter(c) || c == '_' || c == '$') {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a comment's text reads as a file header (a licence, a module overview) rather than a definition's doc. */
    static boolean isFileHeader(String commentText) {
        String t = commentText.toLowerCase(Locale.ROOT);
        for (String w : FILE_HEADER_WORDS) {
            if (t.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
