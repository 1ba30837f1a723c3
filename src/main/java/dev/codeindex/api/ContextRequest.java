package dev.codeindex.api;

/**
 * The enclosing definition of a line, as a client asks for it.
 *
 * @param path a file relative to the root, or an absolute path inside it
 * @param line 1-based
 * @param root only this watched root (absolute path), or null: the root that contains an absolute
 *             path, else the only root
 */
public record ContextRequest(String path, int line, String root) {}
