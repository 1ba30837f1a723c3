package dev.codeindex.api;

/**
 * Where a name is used, as a client asks it.
 *
 * @param name     an identifier ({@code resize}, {@code parse_args}); a qualified one ({@code HashMap.resize},
 *                 {@code Type::method}) is matched by its last part
 * @param k        references wanted (lines)
 * @param language only files of this language (an id, an extension or a common name), or null
 * @param pathGlob only paths matching this glob (as search takes it), or null
 * @param root     only this watched root (absolute path), or null for every root
 */
public record ReferencesRequest(String name, int k, String language, String pathGlob, String root) {
    /** References listed when a client does not say how many: a name's uses run to dozens where its definitions are few. */
    public static final int DEFAULT_K = 50;
}
