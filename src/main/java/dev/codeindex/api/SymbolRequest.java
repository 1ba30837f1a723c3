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
    /** A look-up of any kind. */
    public SymbolRequest(String name, int k, String root) {
        this(name, k, root, null);
    }
}
