package dev.codeindex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.config.Config;
import dev.codeindex.manifest.DataCorruptException;
import dev.codeindex.manifest.DataDirInUseException;
import dev.codeindex.manifest.DataDirLock;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.store.lucene.LuceneStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code codeindex doctor [--fix]}: checks every root's files in the data directory (the manifest,
 * the vector cache, the embedded stores) and says what is wrong and what repairing it costs; with
 * {@code --fix}, moves the damaged files aside so that the next {@code index} or {@code watch}
 * rebuilds them (those commands also do this by themselves when they meet the damage).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the data directory: each root's manifest, vector cache and embedded store.",
                "Says what is damaged and what repairing it costs; --fix moves damaged files aside (kept for a person "
                        + "to look at) so that the next index or watch rebuilds them.",
                "Exit 0: all sound (or fixed); 5: damage found (run again with --fix); 3: a root is in use."})
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--fix", description = "Move damaged files aside; the next index or watch rebuilds them.")
    boolean fix;

    @Override
    public Integer call() throws IOException {
        Config config = common.load(Map.of());
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode().put("dataDir", config.dataDir().toString());
        ArrayNode list = out.putArray("roots");
        List<Path> dirs = RootDirs.all(config.dataDir());
        boolean damaged = false;
        boolean busy = false;
        for (Path dir : dirs) {
            ObjectNode r = list.addObject().put("dir", dir.toString());
            ArrayNode findings = r.putArray("findings");
            try (DataDirLock lock = DataDirLock.acquire(dir)) {
                Path expected = storeExpected(dir);
                damaged |= checkManifest(dir, r, findings);
                damaged |= checkStores(dir, findings, expected);
            } catch (DataDirInUseException e) {
                busy = true;
                r.put("busy", true);
                RunningDaemons.holderOf(config.dataDir(), dir).ifPresent(h -> r.put("root", h.root())); // the manifest cannot be read
                finding(findings, dir.toString(), "in use", "a running codeindex holds it: not checked (stop it first)");
            }
        }
        if (common.json) {
            System.out.println(out.put("fixed", fix && damaged));
        } else {
            print(config.dataDir(), list);
        }
        if (busy) {
            return Main.IN_USE;
        }
        return damaged && !fix ? Main.DAMAGED : Main.OK;
    }

    /**
     * The manifest and the vector cache: opened and read through (every vector of the cache, its
     * length and values checked); true when something is damaged.
     */
    private boolean checkManifest(Path dir, ObjectNode r, ArrayNode findings) {
        Path file = dir.resolve(DataRepair.MANIFEST);
        if (!Files.exists(file)) {
            finding(findings, file.toString(), "missing", "the next run scans the whole root again");
            return false;
        }
        boolean damaged = false;
        for (int attempt = 0; attempt < 3; attempt++) {
            try (MapDbManifest m = MapDbManifest.open(file)) {
                r.put("root", m.meta("root").orElse(""));
                long[] n = {0};
                m.entries().forEachRemaining(e -> n[0]++);
                long vectors = m.cachedVectors(); // reads every vector: damage past the file's header shows only there
                finding(findings, file.toString(), "ok", n[0] + " files");
                finding(findings, MapDbManifest.vectorFile(file).toString(), "ok", vectors + " vectors");
                return damaged;
            } catch (DataCorruptException e) {
                damaged = true;
                String action;
                if (fix) {
                    Path aside = DataRepair.moveAside(e.file());
                    action = "moved to " + aside + "; " + DataRepair.consequence(e.file());
                } else {
                    action = "--fix (or the next index or watch) moves it aside; " + DataRepair.consequence(e.file());
                }
                finding(findings, e.file().toString(), "damaged: " + e.what(), action);
                if (!fix) {
                    return true;
                }
            }
        }
        return damaged;
    }

    /**
     * The embedded store the manifest says holds files ({@code lucene-MODEL} of its model, when it
     * records files stored), or null: that one must exist and hold a commit.
     */
    private static Path storeExpected(Path dir) {
        Path file = dir.resolve(DataRepair.MANIFEST);
        if (!Files.exists(file)) {
            return null;
        }
        try (MapDbManifest m = MapDbManifest.open(file)) {
            String model = m.meta(SemanticParts.MODEL_META).orElse(null);
            boolean embedded = StoreChoice.recorded(m).map(c -> !c.type().equals("qdrant")).orElse(false);
            long stored = dev.codeindex.api.Coverage.of(m.totals(), 0, false).keyword();
            return model != null && embedded && stored > 0 ? dir.resolve(StoreChoice.embeddedFolder(model)) : null;
        } catch (RuntimeException e) {
            return null; // what is wrong with the manifest, checkManifest says
        }
    }

    /**
     * The embedded stores ({@code lucene-MODEL}): every file's checksum; and the one the manifest
     * says holds files ({@code expected}, or null) must be there with a commit. True when damaged.
     */
    private boolean checkStores(Path dir, ArrayNode findings, Path expected) throws IOException {
        List<Path> stores;
        try (Stream<Path> s = Files.list(dir)) {
            stores = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("lucene-")
                    && !p.getFileName().toString().contains(".damaged-")).sorted().toList();
        }
        boolean damaged = false;
        String then = "the next run stores every file again with vectors from the cache";
        if (expected != null && !LuceneStore.hasCommit(expected)) {
            damaged = true;
            boolean there = Files.isDirectory(expected);
            String what = there ? "it has no commit (segments file), though the manifest says files are stored there"
                    : "it is missing, though the manifest says files are stored there";
            String action = "the next index or watch rebuilds it; " + then;
            if (there && fix) {
                action = "moved to " + LuceneStore.moveAside(expected) + "; " + action;
            }
            finding(findings, expected.toString(), "damaged: " + what, action);
            stores = stores.stream().filter(p -> !p.equals(expected)).toList();
        }
        for (Path store : stores) {
            String what = LuceneStore.check(store);
            String older = what == null ? LuceneStore.otherFormat(store) : null;
            if (older != null) { // not damage: an upgrade, which search refuses until a run rebuilds it
                finding(findings, store.toString(), "written in format " + older + "; this codeindex reads format "
                        + LuceneStore.FORMAT, "search refuses it until `codeindex index` (or watch) rebuilds it with"
                        + " the vectors of the cache");
                continue;
            }
            if (what == null) {
                finding(findings, store.toString(), "ok", "");
                continue;
            }
            damaged = true;
            finding(findings, store.toString(), "damaged: " + what, fix
                    ? "moved to " + LuceneStore.moveAside(store) + "; " + then
                    : "--fix (or the next index or watch) moves it aside; " + then);
        }
        return damaged;
    }

    private static void finding(ArrayNode findings, String file, String state, String detail) {
        findings.addObject().put("file", file).put("state", state).put("detail", detail);
    }

    private static void print(Path dataDir, ArrayNode list) {
        if (list.isEmpty()) {
            System.out.println("Nothing indexed yet in " + dataDir);
            return;
        }
        System.out.println("Data directory: " + dataDir);
        list.forEach(r -> {
            System.out.println("  " + (r.path("root").asText().isEmpty() ? r.path("dir").asText() : r.path("root").asText()));
            r.path("findings").forEach(f -> System.out.println("    " + Path.of(f.path("file").asText()).getFileName() + ": "
                    + f.path("state").asText() + (f.path("detail").asText().isEmpty() ? "" : " (" + f.path("detail").asText() + ")")));
        });
    }
}
