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

    ReadResult read(String relPath, Path path) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return ReadResult.gone();
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
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes((int) maxFileSize + 1);
        } catch (NoSuchFileException e) {
            return ReadResult.gone();
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
        String text;
        boolean fallback = false;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, bom, bytes.length - bom)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
            fallback = true;
        }
        byte[] head = java.util.Arrays.copyOf(bytes, Math.min(SHEBANG_HEAD, bytes.length)); // keep only what detection reads
        return new ReadResult(FileState.INDEXED, false, bytes.length, mtime, hash, text, head, head.length, fallback, null);
    }
}
