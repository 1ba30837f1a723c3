package dev.codeindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.api.Coverage;
import dev.codeindex.api.json.ApiJson;
import dev.codeindex.config.Config;
import dev.codeindex.daemon.ApiViews;
import dev.codeindex.manifest.DataCorruptException;
import dev.codeindex.manifest.DataDirInUseException;
import dev.codeindex.manifest.DataDirLock;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.util.DiskSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code codeindex status}: the running daemon's {@code /status}, or else what the data directory holds. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"The running watch daemon's status, or what the data directory holds.",
                "With no daemon running: each root, its checkpoint and totals, or the progress of the index run that"
                        + " holds it."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        Config config = common.load(Map.of());
        for (RunningDaemons.Running d : RunningDaemons.of(config.dataDir())) {
            var live = RunningDaemons.get(d, "/status", config.watch().token());
            if (live.isPresent()) {
                System.out.println(common.json ? live.get().toString() : DaemonStatusText.format(d.url(), live.get()));
                return Main.OK;
            }
        }
        Path roots = config.dataDir().resolve("roots");
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        out.put("dataDir", config.dataDir().toString());
        ArrayNode list = out.putArray("roots");
        List<Path> dirs;
        try (Stream<Path> s = Files.isDirectory(roots) ? Files.list(roots) : Stream.empty()) {
            dirs = s.filter(d -> Files.exists(d.resolve("manifest.db"))).sorted().toList();
        }
        for (Path dir : dirs) {
            list.add(describe(json, dir));
        }
        if (common.json) {
            System.out.println(out);
        } else if (dirs.isEmpty()) {
            System.out.println("Nothing indexed yet in " + config.dataDir());
        } else {
            System.out.println("Data directory: " + config.dataDir());
            list.forEach(r -> System.out.println("  " + r.path("root").asText(r.path("dir").asText()) + ": "
                    + (r.has("run") ? runText(r.path("run"))
                    : r.path("busy").asBoolean() ? "in use by a running codeindex process"
                    : r.has("damaged") ? r.path("damaged").asText()
                    : String.format(Locale.ROOT, "%,d files, %,d chunks, last run ", r.path("files").asLong(),
                            r.path("chunks").asLong())
                    + r.path("checkpoint").path("phase").asText()
                    + (r.path("checkpoint").path("phase").asText().equals("done") ? "" : " (interrupted: the next run resumes)")
                    + coverageText(r) + goneText(r))));
        }
        return Main.OK;
    }

    /** What to do about the index of a tree that no longer exists, or nothing. */
    private static String goneText(JsonNode r) {
        return !r.path("gone").asBoolean() ? "" : "; its directory is gone: if it is not coming back (a disk unmounted"
                + " comes back), 'codeindex forget --gone' deletes this index (" + DiskSpace.human(r.path("bytes").asLong())
                + ")";
    }

    /** {@code ; coverage: …} when search does not see the whole tree, else nothing. */
    private static String coverageText(JsonNode r) {
        Coverage c = ApiJson.readCoverage(r.path("coverage"));
        return c == null || c.complete() ? "" : "; coverage: " + CoverageText.counts(c);
    }

    /**
     * An {@code index} run in progress, from its progress file: {@code being indexed by process 123:
     * index 1,200/5,000 files, 3,400/~14,000 chunks, 41 chunks/s, about 4m 10s left; checkpoint …}.
     */
    static String runText(JsonNode run) {
        JsonNode p = run.path("progress");
        JsonNode cp = run.path("checkpoint");
        StringBuilder b = new StringBuilder("being indexed by process ").append(run.path("pid").asLong()).append(": ")
                .append(DaemonStatusText.progress(p));
        b.append("; checkpoint: run ").append(cp.path("runId").asText()).append(", phase ")
                .append(cp.path("phase").asText()).append(String.format(Locale.ROOT, ", %,d/%,d files done, ",
                        cp.path("filesDone").asLong(), cp.path("filesTotal").asLong()))
                .append(cp.path("batchesCommitted").asLong()).append(" batches committed, updated ")
                .append(cp.path("updatedAt").asText())
                .append(String.format(Locale.ROOT, "; %,d files and %,d chunks in the index so far",
                        run.path("files").asLong(), run.path("chunks").asLong()))
                .append("; coverage: ").append(CoverageText.counts(LocalIndex.coverage(run)));
        return b.toString();
    }

    private static ObjectNode describe(ObjectMapper json, Path dir) throws IOException {
        ObjectNode r = json.createObjectNode();
        r.put("dir", dir.toString());
        try (DataDirLock lock = DataDirLock.acquire(dir);
             MapDbManifest m = MapDbManifest.open(dir.resolve("manifest.db"))) {
            r.put("busy", false);
            String root = m.meta("root").orElse("");
            r.put("root", root);
            r.put("bytes", DiskSpace.used(dir));
            if (!root.isEmpty() && !Files.isDirectory(Path.of(root))) {
                r.put("gone", true);
            }
            Map<String, Long> totals = m.totals();
            r.put("files", totals.getOrDefault("files", 0L));
            r.put("chunks", totals.getOrDefault("chunks", 0L));
            if (m.meta(SemanticParts.MODEL_META).isPresent()) { // an offline index has nothing search can read
                ApiJson.coverage(r, Coverage.of(totals, m.pendingCount() + m.goneCount(), false));
            }
            ApiJson.checkpoint(r.putObject("checkpoint"), ApiViews.checkpoint(m.checkpoint()));
        } catch (DataDirInUseException e) {
            r.put("busy", true);
            ProgressFile.read(dir).ifPresent(run -> {
                if (run.hasNonNull("root")) {
                    r.put("root", run.path("root").asText());
                }
                r.set("run", run);
                ApiJson.coverage(r, LocalIndex.coverage(run));
            });
        } catch (DataCorruptException e) {
            r.put("busy", false);
            r.put("damaged", e.getMessage() + "; 'codeindex doctor' shows what to do");
        }
        return r;
    }
}
