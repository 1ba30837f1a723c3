package dev.codeindex.secrets;

import java.util.Locale;
import java.util.Set;

/** One file's text as the rules look at it, with where their hints occur. */
final class Scan {
    /** Extensions of programming languages: there an unquoted value is code (a variable, a call), not a literal. */
    private static final Set<String> CODE = Set.of("java", "kt", "kts", "scala", "groovy", "gradle", "py", "pyi",
            "js", "jsx", "mjs", "cjs", "ts", "tsx", "go", "rs", "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "cs",
            "swift", "m", "mm", "rb", "php", "pl", "pm", "lua", "dart", "ex", "exs", "erl", "clj", "cljs", "hs",
            "ml", "fs", "r", "jl", "vue", "svelte", "sql");

    final String path;
    final String text;
    final boolean code;
    final boolean envFile;
    private final Triggers.Hits hits;

    Scan(String relPath, String text, Triggers.Hits hits) {
        this.path = relPath;
        this.text = text;
        this.hits = hits;
        String name = relPath.substring(relPath.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        this.code = CODE.contains(ext);
        this.envFile = name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env")
                || name.equals(".envrc");
    }

    /** How many hints of rule {@code rule} the text holds. */
    int hitCount(int rule) {
        return hits.count(rule);
    }

    /** Where the {@code i}-th hint occurrence of rule {@code rule} starts. */
    int position(int rule, int i) {
        return hits.positions[rule][i];
    }

    /** Which of the rule's hints occurs there. */
    int hint(int rule, int i) {
        return hits.hints[rule][i];
    }

    int lineEnd(int from) {
        int n = text.indexOf('\n', from);
        return n < 0 ? text.length() : n;
    }
}
