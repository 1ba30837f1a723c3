package dev.codeindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.manifest.DataDirInUseException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the {@code watch} daemons of a data directory (each writes {@code daemons/PID.json} with its
 * URL and roots while it runs) so {@code status} and {@code search} can ask them: a running daemon
 * knows what is pending, the files on disk do not.
 */
final class RunningDaemons {
    /** A daemon that answered: its URL and roots. */
    record Running(long pid, String url, List<String> roots) {
        boolean watches(Path root) {
            return roots.contains(root.toString());
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunningDaemons() {}

    /** The daemons whose process is alive, by their files; none when the directory has none. */
    static List<Running> of(Path dataDir) {
        Path dir = dataDir.resolve(WatchCommand.DAEMONS_DIR);
        List<Running> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    JsonNode n = JSON.readTree(Files.readString(f));
                    long pid = n.path("pid").asLong();
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        List<String> roots = new ArrayList<>();
                        n.path("roots").forEach(r -> roots.add(r.asText()));
                        out.add(new Running(pid, n.path("url").asText(), roots));
                    }
                } catch (IOException e) {
                    // a file being written or left by a crash: not a daemon we can ask
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /**
     * {@code e} again, or, when the holder is a running {@code watch} daemon of {@code root}, one
     * that says so: that daemon already keeps the root indexed, so there may be nothing to stop.
     *
     * @param instead what stopping it would allow ("run index yourself")
     */
    static DataDirInUseException whoHolds(DataDirInUseException e, Path dataDir, Path root, String instead) {
        for (Running d : of(dataDir)) {
            if (d.watches(root)) {
                return new DataDirInUseException(e.dir(), "a codeindex watch daemon (pid " + d.pid() + ", " + d.url()
                        + ") keeps " + root + " indexed and holds its data directory " + e.dir()
                        + "; 'codeindex status' shows how current it is. To " + instead + ", stop that daemon"
                        + " or pass another --data-dir");
            }
        }
        // an index run (the command, or an MCP session's index tool) names itself in its progress file
        java.util.Optional<Holder> run = java.util.Optional.ofNullable(e.dir()).flatMap(d -> holderOf(dataDir, d))
                .filter(h -> h.who().startsWith("an index run"));
        if (run.isPresent()) {
            return new DataDirInUseException(e.dir(), run.get().who() + ", of `codeindex index` or an MCP session's"
                    + " index tool, holds the data directory " + e.dir() + " of " + root + ": let it finish (`codeindex"
                    + " status` shows how far it is) or stop it, then " + instead + "; or pass another --data-dir");
        }
        return e;
    }

    /**
     * Who holds a root folder of the data directory, as far as can be told while its manifest is locked.
     *
     * @param root the root the folder indexes
     * @param who  for people: "the watch daemon at URL (pid N)", "an index run (pid N)"
     */
    record Holder(String root, String who) {}

    /** The running watch daemon that keeps {@code folder}'s root, else the index run its progress file names. */
    static java.util.Optional<Holder> holderOf(Path dataDir, Path folder) {
        for (Running d : of(dataDir)) {
            for (String root : d.roots()) {
                if (RootDirs.of(dataDir, Path.of(root)).equals(folder)) {
                    return java.util.Optional.of(new Holder(root, "the watch daemon at " + d.url() + " (pid " + d.pid() + ")"));
                }
            }
        }
        return ProgressFile.read(folder).filter(run -> run.hasNonNull("root"))
                .map(run -> new Holder(run.path("root").asText(), "an index run" + (run.hasNonNull("pid")
                        ? " (pid " + run.path("pid").asLong() + ")" : "")));
    }

    /** What a command says when a daemon refuses it for want of its token (HTTP 401). */
    static String tokenRefused(String url, boolean sent) {
        return "the watch daemon at " + url + " refused: " + (sent ? "the token given is not its token"
                : "it needs its token") + "; give this command the daemon's token: server.token in the config, or the"
                + " environment variable CODEINDEX_SERVER_TOKEN";
    }

    /**
     * GETs {@code path} from a daemon: its answer (2xx, or a refusal of the request with its error: 400,
     * 409); empty when it does not answer (stopping, or not yet serving).
     *
     * @throws dev.codeindex.config.ConfigException when the daemon refuses for want of its token (exit 2): the index on disk
     *                         is the daemon's, so there is nothing to fall back to
     */
    static Optional<JsonNode> get(Running d, String path, dev.codeindex.config.Secret token) {
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(d.url() + path)).timeout(TIMEOUT);
            if (token.isSet()) {
                req.header("Authorization", "Bearer " + token.value());
            }
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                    .send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401) {
                throw new dev.codeindex.config.ConfigException(tokenRefused(d.url(), token.isSet()));
            }
            if (r.statusCode() == 404 && r.body().contains("no route")) {
                // the daemon answers, but has no such route: an older codeindex still running (a service not
                // restarted after an upgrade); the index on disk cannot answer for it, since it holds the root
                throw new dev.codeindex.config.ConfigException("the watch daemon at " + d.url() + " (pid " + d.pid()
                        + ") is an older codeindex that does not answer " + path.replaceAll("\\?.*", "")
                        + ": restart it with this version (`codeindex service install` again, or stop it and start"
                        + " `codeindex watch`)");
            }
            return r.statusCode() / 100 == 2 || r.statusCode() == 400 || r.statusCode() == 409
                    ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
