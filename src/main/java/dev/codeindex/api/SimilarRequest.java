package dev.codeindex.api;

/**
 * Code like a given chunk or snippet, as a client asks for it: either {@code path} and {@code line}
 * (the chunk there), or {@code code}.
 *
 * @param path a file relative to the root, or an absolute path inside it; null when {@code code} is given
 * @param line 1-based line in {@code path} (ignored with {@code code})
 * @param code a snippet to find code like, or null
 * @param k    results wanted
 * @param root only this watched root (absolute path), or null
 */
public record SimilarRequest(String path, int line, String code, int k, String root) {}
