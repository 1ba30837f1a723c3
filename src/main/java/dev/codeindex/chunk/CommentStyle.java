package dev.codeindex.chunk;

import java.util.List;

/** Line-comment prefixes per language, used to attach a leading comment to the code it describes. */
final class CommentStyle {
    private static final List<String> C_LIKE = List.of("//", "/*", "*");
    private static final List<String> HASH = List.of("#");
    private static final List<String> NONE = List.of();

    private CommentStyle() {}

    static List<String> prefixes(String language) {
        return switch (language) {
            case "java", "javascript", "typescript", "tsx", "go", "rust", "c", "cpp", "csharp", "kotlin",
                 "scala", "swift", "dart", "groovy", "php", "objc", "zig" -> C_LIKE;
            case "python", "shell", "ruby", "perl", "r", "yaml", "toml", "makefile", "cmake", "elixir" -> HASH;
            default -> NONE;
        };
    }
}
