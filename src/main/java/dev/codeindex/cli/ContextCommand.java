package dev.codeindex.cli;

import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.ContextRequest;
import dev.codeindex.api.DaemonApi;
import dev.codeindex.api.json.ApiJson;
import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codeindex context PATH:LINE}: the definition that encloses a line, with its code. */
@Command(name = "context", mixinStandardHelpOptions = true,
        description = {"Show the definition (method, function, class header) that encloses PATH:LINE, with its code.",
                "PATH is relative to the working directory, or absolute; the root is the one that contains it."
                        + " With --root, a PATH relative to that root works too.",
                "A running watch daemon that watches the root answers; otherwise the index on disk does."})
final class ContextCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "PATH:LINE", description = "A file and a 1-based line in it, e.g. src/Main.java:42.")
    String place;

    /** A file and a line, as PATH:LINE names them on the command line. */
    record Place(Path file, int line, Path given) {
        /**
         * @throws ConfigException when there is no {@code :LINE}, or it is not a positive number
         */
        static Place parse(String arg) {
            int colon = arg.lastIndexOf(':');
            if (colon <= 0 || colon == arg.length() - 1) {
                throw new ConfigException("expected PATH:LINE (e.g. src/Main.java:42), got '" + arg + "'");
            }
            int line;
            try {
                line = Integer.parseInt(arg.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException("expected PATH:LINE with a line number after the last ':', got '" + arg + "'");
            }
            if (line < 1) {
                throw new ConfigException("the line must be 1 or more, got " + line);
            }
            try {
                Path given = Path.of(arg.substring(0, colon));
                return new Place(given.toAbsolutePath().normalize(), line, given);
            } catch (InvalidPathException e) {
                throw new ConfigException("not a valid path: " + arg.substring(0, colon));
            }
        }

        /**
         * This place (named under the root when it lies in the root's directory through a symbolic
         * link), or for a relative PATH that names no file from the working directory but one inside
         * {@code root} (a path relative to the root, given from elsewhere with {@code --root}), that file.
         */
        Place inRoot(Path root) {
            Path through = RootFinder.underRoot(root, file);
            if (!through.equals(file)) { // the root was given through a symbolic link to the file's directory
                return new Place(through, line, given);
            }
            if (given.isAbsolute() || file.startsWith(root) || Files.exists(file)) {
                return this; // a file the working directory has is the one meant, inside the root or not
            }
            Path inside = root.resolve(given).normalize();
            return inside.startsWith(root) && Files.isRegularFile(inside) ? new Place(inside, line, given) : this;
        }

        /** The directory to find the root from: the file's own, else the nearest one that exists. */
        Path dir() {
            Path d = file.getParent();
            while (d != null && !Files.isDirectory(d)) {
                d = d.getParent();
            }
            return d == null ? Path.of(".") : d;
        }
    }

    @Option(names = "--root", paramLabel = "DIR", description = {"The indexed root, or a directory inside one (default:"
            + " the root that contains PATH); PATH must lie inside it."})
    Path root;

    @Override
    public Integer call() throws Exception {
        Config config = common.load(Map.of());
        Place parsed = Place.parse(place);
        Path absRoot = root(config, root, parsed);
        Place p = parsed.inRoot(absRoot);
        ContextAnswer answer = ask(config, absRoot,
                api -> api.context(new ContextRequest(p.file().toString(), p.line(), absRoot.toString())));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(common.json ? ApiJson.context(answer).toString() : TerminalText.safe(text(answer)));
        return Main.OK;
    }

    /**
     * The root {@code --root} names (or the one containing it), else the one that contains the file;
     * says on stderr when that root has no index (the file is then chunked when asked).
     */
    static Path root(Config config, Path rootOption, Place p) {
        RootFinder.Found found = RootFinder.find(rootOption != null ? rootOption : p.dir(), config.dataDir());
        if (!found.fromInside() && !Files.exists(RootDirs.of(config.dataDir(), found.root()).resolve("manifest.db"))
                && RunningDaemons.of(config.dataDir()).stream().noneMatch(d -> d.watches(found.root()))) {
            System.err.println("codeindex: " + found.root() + " is not indexed (run `codeindex index ROOT`);"
                    + " reading the file as it is");
        }
        return found.root();
    }

    /**
     * Asks the running {@code watch} daemon that keeps {@code absRoot}, else the index on disk; what
     * either refuses becomes a {@link ConfigException} (exit 2) with its message.
     */
    static <T> T ask(Config config, Path absRoot, Function<DaemonApi, T> question) {
        Optional<RemoteDaemon> live = daemonOf(config, absRoot);
        try {
            if (live.isPresent()) {
                return question.apply(live.get());
            }
            try (DiskIndex disk = new DiskIndex(config, absRoot)) {
                return question.apply(disk);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static Optional<RemoteDaemon> daemonOf(Config config, Path absRoot) {
        for (RunningDaemons.Running d : RunningDaemons.of(config.dataDir())) {
            if (d.watches(absRoot) && RunningDaemons.get(d, "/health", config.watch().token()).isPresent()) {
                return Optional.of(new RemoteDaemon(d.url(), config.watch().token()));
            }
        }
        return Optional.empty();
    }

    static String text(ContextAnswer a) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s:%d-%d  %s  (%s, %s)%n", TerminalText.oneLine(a.path()), a.startLine(),
                a.endLine(), a.symbol().isEmpty() ? "-" : TerminalText.oneLine(a.symbol()), a.kind(), a.language()));
        if (a.note() != null) {
            sb.append("note: ").append(a.note()).append('\n');
        }
        List<String> lines = a.code().lines().toList();
        int width = String.valueOf(a.endLine()).length();
        for (int i = 0; i < lines.size(); i++) {
            int no = a.startLine() + i;
            sb.append(no == a.line() ? '>' : ' ').append(String.format(Locale.ROOT, "%" + width + "d  ", no))
                    .append(lines.get(i)).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
