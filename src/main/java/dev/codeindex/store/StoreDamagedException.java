package dev.codeindex.store;

import java.nio.file.Path;

/**
 * The embedded store's files cannot be read (a truncated or overwritten file). Opened for writing,
 * the store moves them aside and starts empty, and the run rebuilds it from the vector cache; opened
 * to search, it reports this (exit code 5) with that fix.
 */
public class StoreDamagedException extends RuntimeException {
    private final Path directory;

    public StoreDamagedException(Path directory, String what, Throwable cause) {
        super("the embedded store in " + directory + " is damaged (" + what + "): run 'codeindex index' on its root"
                + " (or restart the daemon that watches it), which moves it aside and rebuilds it from the vector cache"
                + " without embedding again", cause);
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
