package dev.codeindex.index;

import dev.codeindex.chunk.ChunkResult;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.SymbolStats;
import dev.codeindex.manifest.ChunkRef;
import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.walk.Languages;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one pending file into a {@link FileOutcome}: read, hash, and chunk only when no entry with
 * the same content and chunker fingerprint exists. Runs on worker threads and reads the manifest
 * only ({@code get}, {@code pathsWithHash}, {@code gonePathsWithHash}: the reads {@link Manifest}
 * allows alongside its writer), while the indexing thread may be writing the batch before.
 */
final class FileProcessor {
    private static final Logger log = LoggerFactory.getLogger(FileProcessor.class);
    /** How many paths with the same content a file looks at for a move or a copy. */
    static final int REUSE_CANDIDATES = 16;

    private final Path root;
    private final SourceReader reader;
    private final SourceChunker chunker;
    private final Manifest manifest;

    private final boolean reuse;

    FileProcessor(Path root, SourceReader reader, SourceChunker chunker, Manifest manifest) {
        this(root, reader, chunker, manifest, true);
    }

    /** @param reuse whether a moved or copied file may take another entry's chunk list without chunking */
    FileProcessor(Path root, SourceReader reader, SourceChunker chunker, Manifest manifest, boolean reuse) {
        this.reuse = reuse;
        this.root = root;
        this.reader = reader;
        this.chunker = chunker;
        this.manifest = manifest;
    }

    FileOutcome process(String relPath, ManifestEntry old) {
        ReadResult r = reader.readIn(root, relPath);
        if (r.vanished()) {
            return new FileOutcome(relPath, FileOutcome.Kind.VANISHED, null, List.of(), null, false);
        }
        if (r.state() != FileState.INDEXED) {
            if (r.error() != null) {
                boolean again = old != null && old.state() == FileState.UNREADABLE && r.state() == FileState.UNREADABLE
                        && old.size() == r.size() && old.mtimeMillis() == r.mtimeMillis();
                if (again) { // retried at each scan (a chmod leaves the stat as it was): said once until it changes
                    log.debug("{}: unreadable, skipped ({}), as before", relPath, r.error());
                } else {
                    log.warn("{}: unreadable, skipped ({})", relPath, r.error());
                }
            }
            ManifestEntry e = new ManifestEntry(r.size(), r.mtimeMillis(), "", "", r.state(), SymbolStats.ZERO,
                    false, chunker.fingerprint(), List.of());
            return new FileOutcome(relPath, FileOutcome.Kind.SKIPPED, e, List.of(), null, false);
        }
        String language = Languages.detect(relPath, r.head(), r.headLen());
        int fp = chunker.fingerprint();
        if (old != null && old.state() == FileState.INDEXED && old.hash().equals(r.hash())
                && old.chunkerFingerprint() == fp && old.language().equals(language)) {
            return new FileOutcome(relPath, FileOutcome.Kind.SAME_CONTENT, old.withStat(r.size(), r.mtimeMillis()),
                    List.of(), null, r.encodingFallback());
        }
        Optional<FileOutcome> reused = reuse ? reuse(relPath, r, language, fp) : Optional.empty();
        if (reused.isPresent()) {
            return reused.get();
        }
        ChunkResult c = chunker.chunk(new SourceFile(relPath, language, r.text()));
        List<ChunkRef> refs = c.chunks().stream().map(k -> new ChunkRef(k.hash(), k.startLine(), k.endLine())).toList();
        ManifestEntry e = new ManifestEntry(r.size(), r.mtimeMillis(), r.hash(), language, FileState.INDEXED,
                c.symbols(), c.parseFallback(), fp, refs, c.redactions());
        return new FileOutcome(relPath, FileOutcome.Kind.CHUNKED, e, c.chunks(), null, r.encodingFallback());
    }

    /**
     * The chunks of a file stored without vectors, made again for the embed phase: only when the file
     * still has the content, chunker and chunk list its entry records (so the points keep their ids);
     * null otherwise (edited, deleted, unreadable now), and the change path deals with it.
     */
    FileOutcome rechunk(String relPath, ManifestEntry entry) {
        ReadResult r = reader.readIn(root, relPath);
        if (r.vanished() || r.state() != FileState.INDEXED || !r.hash().equals(entry.hash())
                || chunker.fingerprint() != entry.chunkerFingerprint()) {
            return null;
        }
        ChunkResult c = chunker.chunk(new SourceFile(relPath, entry.language(), r.text()));
        List<ChunkRef> refs = c.chunks().stream().map(k -> new ChunkRef(k.hash(), k.startLine(), k.endLine())).toList();
        if (!refs.equals(entry.chunks())) {
            log.warn("{}: chunked differently from the same content; left to the change path", relPath);
            return null;
        }
        return new FileOutcome(relPath, FileOutcome.Kind.CHUNKED, entry, c.chunks(), null, r.encodingFallback());
    }

    /**
     * Same content under another path: a move when that path is gone, a copy otherwise. Looks at a
     * bounded number of candidates of each kind (thousands of empty {@code __init__.py} share one hash).
     */
    private Optional<FileOutcome> reuse(String relPath, ReadResult r, String language, int fp) {
        for (String other : manifest.gonePathsWithHash(r.hash(), REUSE_CANDIDATES)) {
            if (!other.equals(relPath)) {
                Optional<ManifestEntry> moved = reusable(other, r, language, fp);
                if (moved.isPresent()) {
                    return Optional.of(new FileOutcome(relPath, FileOutcome.Kind.MOVED, moved.get(), List.of(), other,
                            r.encodingFallback()));
                }
            }
        }
        for (String other : manifest.pathsWithHash(r.hash(), REUSE_CANDIDATES)) {
            if (!other.equals(relPath)) {
                Optional<ManifestEntry> copy = reusable(other, r, language, fp);
                if (copy.isPresent()) {
                    return Optional.of(new FileOutcome(relPath, FileOutcome.Kind.COPIED, copy.get(), List.of(), other,
                            r.encodingFallback()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The entry {@code other}'s chunks would give this file, if they were made the way we would make
     * them from the same content. The hash is checked again: the hash index was read before, and the
     * indexing thread may have given {@code other} new content since (a batch stored while this one
     * is chunked).
     */
    private Optional<ManifestEntry> reusable(String other, ReadResult r, String language, int fp) {
        return manifest.get(other)
                .filter(e -> e.state() == FileState.INDEXED && e.hash().equals(r.hash()))
                .filter(e -> e.chunkerFingerprint() == fp && e.language().equals(language))
                .map(e -> new ManifestEntry(r.size(), r.mtimeMillis(), r.hash(), language, FileState.INDEXED,
                        e.symbols(), e.parseFallback(), fp, e.chunks(), e.redactions()));
    }
}
