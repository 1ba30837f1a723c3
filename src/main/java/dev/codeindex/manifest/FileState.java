package dev.codeindex.manifest;

/** Why a file is (or is not) in the index. Skipped files are remembered so a rerun only stats them. */
public enum FileState {
    INDEXED, TOO_LARGE, BINARY, UNREADABLE,
    /** Minified or generated text: lines thousands of characters long (see {@code SourceReader.minified}). Last: stored by ordinal. */
    MINIFIED;

    public boolean skipped() {
        return this != INDEXED;
    }
}
