package dev.codeindex.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What install wrote, one line per item ({@code KIND SHA256 PATH}), so that uninstall removes
 * exactly that: files install created (while they still hold what it wrote), directories it created
 * (when empty), and nothing it only edited.
 */
public record InstallRecord(List<Entry> entries) {
    public enum Kind {
        /** A file install wrote whole; removed by uninstall while unchanged. */
        FILE,
        /** A person's file install changed a part of (the config's roots); kept by uninstall. */
        EDITED,
        /** A directory install created; removed by uninstall when empty. */
        DIR
    }

    public record Entry(Kind kind, String sha256, Path path) {}

    public InstallRecord {
        entries = List.copyOf(entries);
    }

    public static final InstallRecord EMPTY = new InstallRecord(List.of());

    public Optional<Entry> find(Path path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    /** The record in {@code file}; empty when there is none. */
    public static InstallRecord read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return EMPTY;
        }
        List<Entry> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ", 3);
            if (f.length != 3) {
                throw new IOException("unreadable line in " + file + ": " + line);
            }
            Kind kind;
            try {
                kind = Kind.valueOf(f[0].toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException("unreadable line in " + file + ": " + line);
            }
            out.add(new Entry(kind, f[1], Path.of(f[2])));
        }
        return new InstallRecord(out);
    }

    public void write(Path file) throws IOException {
        StringBuilder b = new StringBuilder("# written by codeindex service install; codeindex service uninstall removes"
                + " these files (while unchanged) and directories (when empty)\n");
        for (Entry e : entries) {
            b.append(e.kind().name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(e.sha256()).append(' ')
                    .append(e.path()).append('\n');
        }
        ServiceInstaller.writeAtomically(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of a file's bytes, read in pieces (the jar is large). */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
