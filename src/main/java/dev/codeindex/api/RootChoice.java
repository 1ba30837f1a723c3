package dev.codeindex.api;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Which served root a client means by its {@code root} parameter (HTTP, MCP): the root's absolute path,
 * a path inside it (the deepest root that holds it), or the root's directory name when one root has it.
 */
public final class RootChoice {
    private RootChoice() {}

    /**
     * @param asked      what the client sent
     * @param served     the roots served, absolute
     * @param relativeTo where a relative path that names no root is resolved (the client's directory), or
     *                   null when the caller has no directory of the client's (a daemon)
     * @return the root meant, one of {@code served}
     * @throws IllegalArgumentException naming the roots served when none is meant
     */
    public static String pick(String asked, List<String> served, Path relativeTo) {
        if (served.contains(asked)) {
            return asked;
        }
        Path p;
        try {
            p = Path.of(asked);
        } catch (InvalidPathException e) {
            p = null;
        }
        if (p != null && !p.isAbsolute()) {
            List<String> named = served.stream().filter(s -> {
                Path n = Path.of(s).getFileName();
                return n != null && n.toString().equals(asked);
            }).toList();
            if (named.size() == 1) {
                return named.get(0);
            }
            if (named.size() > 1) {
                throw new IllegalArgumentException("root '" + asked + "' names " + named.size() + " roots served here: "
                        + named + "; give its absolute path");
            }
            p = relativeTo == null ? null : relativeTo.resolve(p);
        }
        if (p != null) {
            Path abs = p.normalize();
            String deepest = null;
            for (String s : served) {
                if (abs.startsWith(Path.of(s))
                        && (deepest == null || Path.of(s).getNameCount() > Path.of(deepest).getNameCount())) {
                    deepest = s;
                }
            }
            if (deepest != null) {
                return deepest;
            }
        }
        throw new IllegalArgumentException("root '" + asked + "' is not served here; give one of " + served
                + " (its absolute path, a path inside it, or its directory name)");
    }
}
