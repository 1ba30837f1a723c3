package dev.codeindex.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits the text of a YAML config the way a person would: one top-level key's block is replaced,
 * every other line (comments included) is kept as it is.
 */
public final class ConfigText {
    private ConfigText() {}

    /** {@code yaml} with its {@code roots:} list replaced by {@code roots} (appended when it has none). */
    public static String withRoots(String yaml, List<Path> roots) {
        StringBuilder block = new StringBuilder("roots:\n");
        for (Path r : roots) {
            block.append("  - ").append(quote(r.toString())).append('\n');
        }
        return replaceKey(yaml, "roots", block.toString());
    }

    /**
     * As {@link #withRoots(String, List)}, each root with its store collection where {@code collections}
     * names one (an empty name: the default collection).
     */
    public static String withRoots(String yaml, List<Path> roots, List<String> collections) {
        StringBuilder block = new StringBuilder("roots:\n");
        for (int i = 0; i < roots.size(); i++) {
            String c = collections.get(i);
            block.append("  - ").append(c.isEmpty() ? quote(roots.get(i).toString())
                    : "{path: " + quote(roots.get(i).toString()) + ", collection: " + quote(c) + "}").append('\n');
        }
        return replaceKey(yaml, "roots", block.toString());
    }

    /** {@code yaml} with {@code dataDir:} set to {@code dir}. */
    public static String withDataDir(String yaml, Path dir) {
        return replaceKey(yaml, "dataDir", "dataDir: " + quote(dir.toString()) + "\n");
    }

    /**
     * Replaces the line {@code key:} at the start of a line and the lines of its block after it
     * (indented, or list items) with {@code block}; comments at the margin after it stay.
     */
    static String replaceKey(String yaml, String key, String block) {
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
        boolean endsWithNewline = yaml.endsWith("\n");
        if (endsWithNewline) {
            lines.remove(lines.size() - 1);
        }
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + ":")) {
                at = i;
                break;
            }
        }
        StringBuilder out = new StringBuilder();
        if (at < 0) {
            out.append(yaml);
            if (!yaml.isEmpty() && !endsWithNewline) {
                out.append('\n');
            }
            return out.append(block).toString();
        }
        int end = at + 1;
        while (end < lines.size() && (lines.get(end).startsWith(" ") || lines.get(end).startsWith("\t")
                || lines.get(end).startsWith("-"))) {
            end++;
        }
        for (int i = 0; i < at; i++) {
            out.append(lines.get(i)).append('\n');
        }
        out.append(block);
        for (int i = end; i < lines.size(); i++) {
            out.append(lines.get(i));
            if (i < lines.size() - 1 || endsWithNewline) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** A YAML double-quoted scalar. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
