package dev.codeindex.service;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a service's files and records what it wrote; removes exactly that again. Never replaces a
 * file that differs from what it would write unless that file is one it wrote itself and nobody has
 * changed since, or it is forced: a person's edits are not lost silently.
 */
public final class ServiceInstaller {
    private ServiceInstaller() {}

    /**
     * One file to write: {@code text}, or a copy of {@code copyOf}. {@code edit} marks a person's file
     * of which install changes a part on request (the config's roots): it never counts as a conflict,
     * and uninstall keeps it unless install created it.
     */
    public record Planned(Path target, byte[] text, Path copyOf, boolean edit) {
        public static Planned text(Path target, String text) {
            return new Planned(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, false);
        }

        public static Planned edit(Path target, String text) {
            return new Planned(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, true);
        }

        public static Planned copy(Path target, Path source) {
            return new Planned(target, null, source, false);
        }

        String sha256() throws IOException {
            return text != null ? InstallRecord.sha256(text) : InstallRecord.sha256(copyOf);
        }
    }

    public enum Action { CREATE, UPDATE, UNCHANGED, CONFLICT }

    public record Change(Path target, Action action) {}

    /** Thrown before anything is written when files were changed by someone and install is not forced. */
    public static final class ConflictException extends Exception {
        private final List<Path> changed;

        ConflictException(List<Path> changed) {
            super("changed since install wrote them (or not written by install): " + changed);
            this.changed = List.copyOf(changed);
        }

        public List<Path> changed() {
            return changed;
        }
    }

    /** What install would do with each file, without writing anything. */
    public static List<Change> plan(List<Planned> files, Path recordFile) throws IOException {
        InstallRecord record = InstallRecord.read(recordFile);
        List<Change> out = new ArrayList<>();
        for (Planned p : files) {
            out.add(new Change(p.target(), action(p, record)));
        }
        return out;
    }

    private static Action action(Planned p, InstallRecord record) throws IOException {
        if (!Files.exists(p.target())) {
            return Action.CREATE;
        }
        String now = InstallRecord.sha256(p.target());
        if (now.equals(p.sha256())) {
            return Action.UNCHANGED;
        }
        if (p.edit() || record.find(p.target()).map(e -> e.sha256().equals(now)).orElse(false)) {
            return Action.UPDATE;
        }
        return Action.CONFLICT;
    }

    /**
     * Writes {@code files} (conflicting ones only with {@code force}) and the record; returns what it
     * did with each.
     *
     * @throws ConflictException nothing written: some files differ from what install would write and
     *                           were changed by someone since install wrote them
     */
    public static List<Change> install(List<Planned> files, Path recordFile, boolean force)
            throws IOException, ConflictException {
        return install(files, List.of(), recordFile, force);
    }

    /** As {@link #install(List, Path, boolean)}, also creating {@code dirs} (recorded when install created them). */
    public static List<Change> install(List<Planned> files, List<Path> dirsToCreate, Path recordFile, boolean force)
            throws IOException, ConflictException {
        InstallRecord old = InstallRecord.read(recordFile);
        List<Change> plan = plan(files, recordFile);
        List<Path> conflicts = plan.stream().filter(c -> c.action() == Action.CONFLICT).map(Change::target).toList();
        if (!conflicts.isEmpty() && !force) {
            throw new ConflictException(conflicts);
        }
        Map<Path, InstallRecord.Entry> entries = new LinkedHashMap<>();
        for (InstallRecord.Entry e : old.entries()) {
            entries.put(e.path(), e);
        }
        List<Path> dirs = new ArrayList<>();
        for (Planned p : files) {
            dirs.addAll(createDirectories(p.target().getParent()));
        }
        dirs.addAll(createDirectories(recordFile.getParent()));
        for (Path d : dirsToCreate) {
            dirs.addAll(createDirectories(d));
        }
        for (Path d : dirs) {
            entries.putIfAbsent(d, new InstallRecord.Entry(InstallRecord.Kind.DIR, "-", d));
        }
        for (int i = 0; i < files.size(); i++) {
            Planned p = files.get(i);
            Action a = plan.get(i).action();
            InstallRecord.Entry before = entries.get(p.target());
            // a person's file stays theirs unless install created it and nobody has changed it since
            boolean ours = !p.edit() || a == Action.CREATE || (before != null
                    && before.kind() == InstallRecord.Kind.FILE && before.sha256().equals(InstallRecord.sha256(p.target())));
            if (a != Action.UNCHANGED) {
                if (p.text() != null) {
                    writeAtomically(p.target(), p.text());
                } else {
                    Path tmp = p.target().resolveSibling(p.target().getFileName() + ".tmp");
                    Files.copy(p.copyOf(), tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, p.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            entries.put(p.target(), new InstallRecord.Entry(ours ? InstallRecord.Kind.FILE : InstallRecord.Kind.EDITED,
                    p.sha256(), p.target()));
        }
        new InstallRecord(new ArrayList<>(entries.values())).write(recordFile);
        return plan;
    }

    /** What uninstall did with one recorded item. */
    public record Removal(Path path, boolean removed, String note) {}

    /** What uninstall did: each recorded item, and whether the record stays (listing what was kept). */
    public record Uninstalled(List<Removal> removals, boolean recordKept) {}

    /** {@link #uninstall(Path, boolean, Map)} with no file kept for another's sake. */
    public static List<Removal> uninstall(Path recordFile, boolean force) throws IOException {
        return uninstall(recordFile, force, Map.of()).removals();
    }

    /**
     * Removes what the record in {@code recordFile} lists: files while they hold what install wrote
     * (changed ones only with {@code force}), then the directories install created, deepest first,
     * when empty. Anything else is left alone. A file install wrote that is kept (changed since) stays
     * in the record, with the directories that hold it, so that uninstall with {@code force} still
     * finds it; the record goes when nothing it lists is kept. Nothing removed when nothing was installed.
     *
     * @param neededBy a file to keep while the file it maps to is kept (the jar, while the unit that
     *                 runs it is kept: a kept unit must not point at a deleted jar)
     */
    public static Uninstalled uninstall(Path recordFile, boolean force, Map<Path, Path> neededBy) throws IOException {
        InstallRecord record = InstallRecord.read(recordFile);
        List<Removal> out = new ArrayList<>();
        if (record.entries().isEmpty()) {
            return new Uninstalled(out, false);
        }
        java.util.Set<Path> changed = new java.util.HashSet<>();
        for (InstallRecord.Entry e : record.entries()) {
            if (e.kind() == InstallRecord.Kind.FILE && !force && Files.exists(e.path())
                    && !InstallRecord.sha256(e.path()).equals(e.sha256())) {
                changed.add(e.path());
            }
        }
        List<InstallRecord.Entry> kept = new ArrayList<>();
        for (InstallRecord.Entry e : record.entries()) {
            if (e.kind() == InstallRecord.Kind.DIR) {
                continue;
            }
            Path user = neededBy.get(e.path());
            if (!Files.exists(e.path())) {
                out.add(new Removal(e.path(), false, "already gone"));
            } else if (e.kind() == InstallRecord.Kind.EDITED) {
                out.add(new Removal(e.path(), false, "your file: install only wrote its roots"));
            } else if (changed.contains(e.path())) {
                kept.add(e);
                out.add(new Removal(e.path(), false, "changed since install wrote it; --force removes it"));
            } else if (user != null && changed.contains(user)) {
                kept.add(e);
                out.add(new Removal(e.path(), false, "kept while " + user.getFileName()
                        + " is, which runs it; --force removes both"));
            } else {
                Files.delete(e.path());
                out.add(new Removal(e.path(), true, ""));
            }
        }
        List<Path> dirs = new ArrayList<>(record.entries().stream().filter(e -> e.kind() == InstallRecord.Kind.DIR)
                .map(InstallRecord.Entry::path).toList());
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        List<Path> keptFiles = new ArrayList<>(kept.stream().map(InstallRecord.Entry::path).toList());
        if (kept.isEmpty()) {
            Files.deleteIfExists(recordFile);
        } else {
            keptFiles.add(recordFile);
        }
        for (Path d : dirs) {
            if (keptFiles.stream().anyMatch(f -> f.startsWith(d))) {
                kept.add(record.find(d).orElseThrow()); // holds a file kept: for the next uninstall
                continue;
            }
            try {
                if (Files.deleteIfExists(d)) {
                    out.add(new Removal(d, true, ""));
                }
            } catch (DirectoryNotEmptyException notEmpty) {
                out.add(new Removal(d, false, "not empty"));
            }
        }
        if (!kept.isEmpty()) {
            List<InstallRecord.Entry> inOrder = record.entries().stream().filter(kept::contains).toList();
            new InstallRecord(inOrder).write(recordFile);
        }
        return new Uninstalled(out, !kept.isEmpty());
    }

    /** Creates {@code dir} and its missing parents; returns those it created, outermost first. */
    static List<Path> createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path d = dir; d != null && !Files.isDirectory(d); d = d.getParent()) {
            missing.add(0, d);
        }
        for (Path d : missing) {
            Files.createDirectory(d);
        }
        return missing;
    }

    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
