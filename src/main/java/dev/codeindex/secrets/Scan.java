package dev.codeindex.secrets;

import java.util.Locale;
import java.util.Set;

/** One file's text as the rules look at it, with what they share computed at most once. */
final class Scan {
    /** Extensions of programming languages: there an unquoted value is code (a variable, a call), not a literal. */
    private static final Set<String> CODE = Set.of("java", "kt", "kts", "scala", "groovy", "gradle", "py", "pyi",
            "js", "jsx", "mjs", "cjs", "ts", "tsx", "go", "rs", "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "cs",
            "swift", "m", "mm", "rb", "php", "pl", "pm", "lua", "dart", "ex", "exs", "erl", "clj", "cljs", "hs",
            "ml", "fs", "r", "jl", "vue", "svelte", "sql");

    final String path;
    final String text;
    private String lower;
    final boolean code;
    final boolean envFile;

    Scan(String relPath, String text) {
        this.path = relPath;
        this.text = text;
        String name = relPath.substring(relPath.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        this.code = CODE.contains(ext);
        this.envFile = name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env")
                || name.equals(".envrc");
    }

    /** The text with ASCII letters lower-cased, same length and offsets as {@link #text}. */
    String lower() {
        if (lower == null) {
            char[] c = text.toCharArray();
            for (int i = 0; i < c.length; i++) {
                if (c[i] >= 'A' && c[i] <= 'Z') {
                    c[i] += 'a' - 'A';
                }
            }
            lower = new String(c);
        }
        return lower;
    }

    int lineEnd(int from) {
        int n = text.indexOf('\n', from);
        return n < 0 ? text.length() : n;
    }
}
