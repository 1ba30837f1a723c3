package dev.codeindex.index;

import dev.codeindex.manifest.FileState;

/**
 * What reading one file gave.
 *
 * @param state            INDEXED when {@code text} holds the content, else the reason it was skipped
 * @param vanished         the file disappeared between the scan and the read
 * @param encodingFallback the bytes were not valid UTF-8 and were decoded as ISO-8859-1
 */
record ReadResult(FileState state, boolean vanished, long size, long mtimeMillis, String hash, String text,
                  byte[] head, int headLen, boolean encodingFallback, String error) {
    static ReadResult skipped(FileState state, long size, long mtime, String error) {
        return new ReadResult(state, false, size, mtime, "", null, null, 0, false, error);
    }

    static ReadResult gone() {
        return new ReadResult(FileState.UNREADABLE, true, 0, 0, "", null, null, 0, false, "vanished");
    }
}
