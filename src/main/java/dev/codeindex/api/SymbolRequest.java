package dev.codeindex.api;

/**
 * A symbol look-up as a client asks it: the definitions of {@code name}.
 *
 * @param name a name, optionally dotted: {@code HashMap.resize}, {@code parse_args}, {@code email.utils.parseaddr}
 * @param k    results wanted
 * @param root only this watched root (absolute path), or null for every root
 * @param kind only definitions of this kind ({@code function}, {@code method}, {@code class}, …), or null for any
 */
public record SymbolRequest(String name, int k, String root, String kind) {
    /** What reads as a symbol's name: letters, digits, {@code _} and {@code $}, optionally dotted. */
    public static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(
            "[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    /** Whether {@code q} reads as a symbol's name ({@code parse_args}, {@code HashMap.resize()}), not as words. */
    public static boolean isName(String q) {
        return q != null && name(q.strip()) != null;
    }

    /** The symbol's name {@code q} is, without a trailing {@code ()}; null when it reads as words. */
    public static String name(String q) {
        String id = q.endsWith("()") ? q.substring(0, q.length() - 2) : q;
        return NAME.matcher(id).matches() ? id : null;
    }

    /** A look-up of any kind. */
    public SymbolRequest(String name, int k, String root) {
        this(name, k, root, null);
    }
}
