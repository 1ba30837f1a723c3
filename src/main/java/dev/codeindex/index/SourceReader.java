package dev.codeindex.index;

import dev.codeindex.manifest.FileState;
import dev.codeindex.util.Hashes;
import dev.codeindex.walk.Languages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads one file safely: never more than the size cap, never a non-regular file, binary detected
 * from the name or a NUL byte in the first 8 KB, text decoded as UTF-8 or, failing that, ISO-8859-1
 * (every byte sequence decodes, nothing is lost). Thread-safe; never throws.
 */
final class SourceReader {
    static final int HEAD = 8192;
    static final int SHEBANG_HEAD = 256;

    private final long maxFileSize;

    SourceReader(long maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    /**
     * Whether the walker's name for a file holds bytes the JVM's file-name encoding could not decode
     * (they become U+FFFD, and the name then opens nothing): a file that is there but cannot be read
     * by its name, not a file that vanished.
     */
    static boolean undecodableName(String relPath) {
        return relPath.indexOf('\uFFFD') >= 0;
    }

    private static ReadResult badName(String relPath) {
        return ReadResult.skipped(FileState.UNREADABLE, 0, 0, "its name is not valid in the file-name encoding ("
                + System.getProperty("sun.jnu.encoding") + "): rename it, or run with LANG=C.UTF-8 if the name is UTF-8");
    }

    /**
     * {@link #read} of {@code relPath} under {@code root}. A name the JVM's file-name encoding cannot
     * encode back (a UTF-8 name decoded without a UTF-8 locale) names no path: it is reported as such, not
     * thrown (it would fail the whole run, and a daemon's every retry).
     */
    ReadResult readIn(Path root, String relPath) {
        Path path;
        try {
            path = root.resolve(relPath);
        } catch (java.nio.file.InvalidPathException e) {
            return badName(relPath);
        }
        return read(relPath, path);
    }

    /** A line longer than this, in a file whose lines average more than {@link #MINIFIED_MEAN_LINE}, marks it minified. */
    static final int MINIFIED_LINE = 10_000;
    static final int MINIFIED_MEAN_LINE = 1_000;

    /**
     * Whether {@code text} is minified or generated rather than written: a line over {@value #MINIFIED_LINE}
     * characters and lines of over {@value #MINIFIED_MEAN_LINE} on average (a bundle, a source map, data
     * on one line). Such a file would become thousands of chunks of one line that match every query a
     * little and hold up every edit behind their embedding; its readable source is indexed instead.
     * A long line in ordinary code (a table, a string) does not make the mean.
     */
    static boolean minified(String text) {
        if (text.length() <= MINIFIED_LINE) {
            return false;
        }
        int lines = 1;
        int longest = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') { // a lone CR ends a line too (old Mac files)
                longest = Math.max(longest, i - start);
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                lines++;
                start = i + 1;
            }
        }
        longest = Math.max(longest, text.length() - start);
        return longest > MINIFIED_LINE && text.length() / lines > MINIFIED_MEAN_LINE;
    }

    ReadResult read(String relPath, Path path) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return undecodableName(relPath) ? badName(relPath) : ReadResult.gone();
        } catch (IOException e) {
            return ReadResult.skipped(FileState.UNREADABLE, 0, 0, e.toString());
        }
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().toMillis();
        if (!attrs.isRegularFile()) {
            return ReadResult.gone(); // replaced by a directory, a FIFO or a link since the scan
        }
        if (size > maxFileSize) {
            return ReadResult.skipped(FileState.TOO_LARGE, size, mtime, null);
        }
        if (Languages.isBinaryName(relPath)) {
            return ReadResult.skipped(FileState.BINARY, size, mtime, null);
        }
        byte[] bytes;
        try {
            bytes = readCapped(path, size, maxFileSize);
        } catch (NoSuchFileException e) {
            return undecodableName(relPath) ? badName(relPath) : ReadResult.gone();
        } catch (AccessDeniedException e) {
            return ReadResult.skipped(FileState.UNREADABLE, size, mtime, "permission denied");
        } catch (IOException e) {
            return ReadResult.skipped(FileState.UNREADABLE, size, mtime, e.toString());
        }
        if (bytes.length > maxFileSize) {
            return ReadResult.skipped(FileState.TOO_LARGE, bytes.length, mtime, null); // grew while we read
        }
        int headLen = Math.min(HEAD, bytes.length);
        if (Languages.looksBinary(bytes, headLen)) {
            return ReadResult.skipped(FileState.BINARY, bytes.length, mtime, null);
        }
        String hash = Hashes.of(bytes);
        int bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        // the String constructor decodes in one pass (ASCII is a plain copy) but replaces what is
        // malformed with U+FFFD: only text that then holds one is decoded again, strictly, to tell
        // a real U+FFFD from bytes that are not UTF-8
        String text = new String(bytes, bom, bytes.length - bom, StandardCharsets.UTF_8);
        boolean fallback = false;
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, bom, bytes.length - bom)).toString();
            } catch (CharacterCodingException e) {
                text = new String(bytes, StandardCharsets.ISO_8859_1);
                fallback = true;
            }
        }
        if (minified(text)) {
            return ReadResult.skipped(FileState.MINIFIED, bytes.length, mtime, null);
        }
        byte[] head = java.util.Arrays.copyOf(bytes, Math.min(SHEBANG_HEAD, bytes.length)); // keep only what detection reads
        return new ReadResult(FileState.INDEXED, false, bytes.length, mtime, hash, text, head, head.length, fallback, null);
    }

    /**
     * The file's bytes, at most {@code maxFileSize} + 1 of them (more means too large). Reads
     * into one array of the size just stat'ed (a stream would read 8 KB pieces and join them);
     * a file that has grown since is read on, still within the cap.
     */
    static byte[] readCapped(Path path, long statSize, long maxFileSize) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = new byte[(int) Math.min(statSize, maxFileSize)];
            int n = in.readNBytes(bytes, 0, bytes.length);
            if (n < bytes.length) {
                return java.util.Arrays.copyOf(bytes, n); // shrank since the stat
            }
            int next = in.read();
            if (next < 0) {
                return bytes;
            }
            byte[] more = in.readNBytes((int) (maxFileSize - bytes.length)); // grew: up to one byte past the cap in all
            byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + 1 + more.length);
            all[bytes.length] = (byte) next;
            System.arraycopy(more, 0, all, bytes.length + 1, more.length);
            return all;
        }
    }
}
