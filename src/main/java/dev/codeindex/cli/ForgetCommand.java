package dev.codeindex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.config.Config;
import dev.codeindex.manifest.DataCorruptException;
import dev.codeindex.manifest.DataDirInUseException;
import dev.codeindex.manifest.DataDirLock;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.util.DiskSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code codeindex forget ROOT… | --gone}: deletes roots' indexes from the data directory (each
 * root's folder: manifest, vector cache, embedded stores, checkpoint), never the trees themselves.
 * An index is deleted only while this command holds its lock, so a running {@code watch} or
 * {@code index} that uses it makes the command refuse (exit 3) and delete nothing of it.
 *
 * <p>A root indexed into Qdrant keeps its points on the server: the command names the collection
 * and leaves it there, since a server may be shared and deleting remote data is a decision for its
 * owner.
 */
@Command(name = "forget", mixinStandardHelpOptions = true,
        description = {"Delete the index of each ROOT from the data directory (manifest, vector cache, embedded store);"
                + " the tree itself is never touched.",
                "--gone forgets every root whose directory no longer exists; --dry-run says what would go.",
                "A root's Qdrant collection stays on the server: its name is printed.",
                "Exit 0: done; 1: no index of a ROOT here; 3: a running codeindex uses an index (nothing of it is"
                        + " deleted)."})
final class ForgetCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ForgetCommand.class);

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "ROOT", arity = "0..*", description = "A root directory that was indexed (it may no "
            + "longer exist).")
    List<Path> roots = new ArrayList<>();

    @Option(names = "--gone", description = "Forget every root whose directory no longer exists.")
    boolean gone;

    @Option(names = "--dry-run", description = "Say what would be deleted, and the size of its files; delete nothing.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What a root folder's manifest says: its root ("" when it does not say) and its Qdrant collection, if any. */
    private record Indexed(String root, String qdrant) {}

    @Override
    public Integer call() throws IOException {
        if (roots.isEmpty() && !gone) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name the ROOT whose index to delete, or pass --gone (every root whose directory no longer exists)");
        }
        Config config = common.load(Map.of());
        Path dataDir = config.dataDir();
        ObjectNode out = new ObjectMapper().createObjectNode().put("dataDir", dataDir.toString()).put("dryRun", dryRun);
        ArrayNode done = out.putArray("forgotten");
        ArrayNode refused = out.putArray("refused");
        int exit = Main.OK;
        List<Path> dirs = new ArrayList<>();
        for (Path given : roots) {
            Path dir = folderOf(dataDir, given);
            if (Files.isDirectory(dir) && RootDirs.holdsIndex(dir)) {
                dirs.add(dir);
            } else {
                exit = Main.FAILED;
                refused.addObject().put("root", given.toAbsolutePath().normalize().toString())
                        .put("reason", "no index of it in " + dataDir + indexedList(dataDir));
            }
        }
        if (gone) {
            for (Path dir : RootDirs.all(dataDir)) {
                if (!dirs.contains(dir)) {
                    dirs.add(dir);
                }
            }
        }
        for (Path dir : dirs) {
            try (DataDirLock lock = DataDirLock.acquire(dir)) {
                Indexed idx = read(dir);
                if (!explicit(dataDir, dir) && (idx.root().isEmpty() || Files.isDirectory(Path.of(idx.root())))) {
                    continue; // --gone: its tree is there (or the manifest does not say which tree it is)
                }
                long bytes = DiskSpace.used(dir);
                ObjectNode r = done.addObject().put("root", idx.root().isEmpty() ? dir.toString() : idx.root())
                        .put("dir", dir.toString()).put("bytes", bytes);
                if (idx.qdrant() != null) {
                    r.put("qdrantCollection", idx.qdrant());
                }
                if (!dryRun) {
                    deleteAllBut(dir, dir.resolve("lock"));
                }
            } catch (DataDirInUseException e) {
                Optional<RunningDaemons.Holder> holder = RunningDaemons.holderOf(dataDir, dir);
                if (!explicit(dataDir, dir)) { // --gone: a folder in use is checked through the root its holder names
                    if (holder.isEmpty()) {
                        out.withArray("notChecked").add(dir.toString());
                        continue;
                    }
                    if (Files.isDirectory(Path.of(holder.get().root()))) {
                        continue;
                    }
                }
                exit = Main.IN_USE;
                ObjectNode r = refused.addObject().put("dir", dir.toString());
                holder.ifPresent(h -> r.put("root", h.root()).put("heldBy", h.who()));
                r.put("reason", holder.map(h -> "in use by " + h.who() + (h.who().startsWith("the watch")
                                ? ": take the root out of its config (or stop it) and restart it, then forget it"
                                : ": let it finish or stop it, then forget it"))
                        .orElse("in use by a running codeindex process (a watch daemon or an index run): stop it"
                                + " first (for a daemon, take the root out of its config), then forget it"));
            } catch (IOException | RuntimeException e) { // this folder only: the others are still forgotten
                log.debug("forget {}", dir, e);
                exit = Math.max(exit, Main.FAILED);
                refused.addObject().put("dir", dir.toString()).put("reason", "could not be deleted whole ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + "): the next index or watch of it repairs what is left, or run forget again");
            }
        }
        if (common.json) {
            System.out.println(out);
        } else {
            print(out);
        }
        return exit;
    }

    /** Whether {@code dir} is the folder of a ROOT named on the command line. */
    private boolean explicit(Path dataDir, Path dir) {
        return roots.stream().anyMatch(g -> folderOf(dataDir, g).equals(dir));
    }

    /** The root and store a folder's manifest records; an unreadable manifest records nothing. */
    private static Indexed read(Path dir) {
        Path file = dir.resolve(DataRepair.MANIFEST);
        if (!Files.exists(file)) {
            return new Indexed("", null);
        }
        try (MapDbManifest m = MapDbManifest.open(file)) {
            Optional<StoreChoice> store = StoreChoice.recorded(m);
            String qdrant = store.filter(s -> s.type().equals("qdrant"))
                    .map(s -> "'" + s.collection() + "'" + (s.url() == null ? "" : " at " + s.url())).orElse(null);
            return new Indexed(m.meta("root").orElse(""), qdrant);
        } catch (DataCorruptException e) {
            return new Indexed("", null);
        }
    }

    /** {@code ; indexed there: a, b} (the roots whose manifest says which they are), or nothing. */
    private static String indexedList(Path dataDir) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path dir : RootDirs.all(dataDir)) {
            try (DataDirLock lock = DataDirLock.acquire(dir)) {
                String root = read(dir).root();
                names.add(root.isEmpty() ? dir.toString() : root);
            } catch (DataDirInUseException e) {
                names.add(dir + " (in use)");
            }
        }
        return names.isEmpty() ? " (nothing is indexed there)" : "; indexed there: " + String.join(", ", names);
    }

    /**
     * Deletes everything in {@code dir} but {@code keep} (its lock file, which stays with the folder: a
     * process that opened it before the delete would otherwise lock a file no later process sees).
     * The stores go first and the manifest last, so that a failure half-way leaves a manifest that
     * the next run repairs the rest from.
     */
    private static void deleteAllBut(Path dir, Path keep) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.filter(p -> !p.equals(keep) && !p.equals(dir))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().startsWith(DataRepair.MANIFEST))
                            .thenComparing(Comparator.reverseOrder())) // children before their folders
                    .toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * The folder of {@code given}: the one its absolute path names, or {@code given} itself when it is
     * a folder of the data directory ({@code roots/NAME-HASH}: an index whose manifest cannot say
     * which root it is can be forgotten by its folder).
     */
    private static Path folderOf(Path dataDir, Path given) {
        Path abs = given.toAbsolutePath().normalize();
        Path rootsDir = dataDir.toAbsolutePath().normalize().resolve("roots");
        return rootsDir.equals(abs.getParent()) ? dataDir.resolve("roots").resolve(abs.getFileName()) : RootDirs.of(dataDir, abs);
    }

    private void print(ObjectNode out) {
        String verb = dryRun ? "would forget " : "forgot ";
        ArrayNode done = (ArrayNode) out.path("forgotten");
        if (done.isEmpty() && out.path("refused").isEmpty()) {
            System.out.println("Nothing to forget in " + out.path("dataDir").asText()
                    + (gone ? ": the directory of every root checked exists" : ""));
        }
        long total = 0;
        for (var r : done) {
            total += r.path("bytes").asLong();
            System.out.println(verb.substring(0, 1).toUpperCase(Locale.ROOT) + verb.substring(1) + r.path("root").asText()
                    + ": " + DiskSpace.human(r.path("bytes").asLong()) + " of files" + (dryRun ? "" : " deleted")
                    + (r.has("qdrantCollection") ? "; its points stay in the Qdrant collection "
                    + r.path("qdrantCollection").asText() + " (delete it there when no one uses it)" : ""));
        }
        if (done.size() > 1) {
            System.out.println((dryRun ? "In all: " : "Deleted in all: ") + DiskSpace.human(total) + " of files");
        }
        if (out.has("notChecked")) {
            System.out.println("Not checked, in use by a running codeindex: " + out.path("notChecked").size()
                    + " index(es)");
        }
        for (var r : out.path("refused")) {
            System.err.println("codeindex: " + r.path("root").asText(r.path("dir").asText()) + ": " + r.path("reason").asText());
        }
    }
}
