package dev.codeindex.util;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** What went wrong with a file, for people: the JDK's file exceptions carry the bare path as their message. */
public final class IoErrors {
    private IoErrors() {}

    /** "permission denied", the file system's reason, else the message (the class name when there is none). */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
