package dev.codeindex.manifest;

/** Why a file is (or is not) in the index. Skipped files are remembered so a rerun only stats them. */
public enum FileState {
    INDEXED, TOO_LARGE, BINARY, UNREADABLE;

    public boolean skipped() {
        return this != INDEXED;
    }
}
