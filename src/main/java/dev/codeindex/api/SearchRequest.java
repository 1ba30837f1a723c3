package dev.codeindex.api;

/**
 * A search as a client asks it.
 *
 * @param k        results wanted
 * @param language only this language id, or null
 * @param pathGlob only paths matching this glob, relative to the root, or null
 * @param root     only this watched root (absolute path), or null for every root
 */
public record SearchRequest(String query, int k, String language, String pathGlob, String root) {}
