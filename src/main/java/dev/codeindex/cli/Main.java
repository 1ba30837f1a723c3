package dev.codeindex.cli;

import dev.codeindex.config.ConfigException;
import dev.codeindex.embed.EmbedderUnavailableException;
import dev.codeindex.embed.http.HttpEmbedderException;
import dev.codeindex.manifest.DataCorruptException;
import dev.codeindex.manifest.DataDirInUseException;
import dev.codeindex.manifest.ManifestUnreadableException;
import dev.codeindex.store.StoreConfigException;
import dev.codeindex.store.StoreDamagedException;
import dev.codeindex.store.StoreFormatException;
import dev.codeindex.store.StoreUnavailableException;
import dev.codeindex.util.DiskFullException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code codeindex index|status …}. Exit codes: see the README ("Commands"). */
@Command(name = "codeindex", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Keeps a semantic index of a source tree current, in constant memory.")
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int IN_USE = 3;
    public static final int UNAVAILABLE = 4;
    /** A file of the data directory is damaged and this command only reads: a writing command or doctor repairs it. */
    public static final int DAMAGED = 5;
    /** The disk of the data directory is full: the run stopped at its last committed batch. */
    public static final int DISK_FULL = 6;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (index, watch, search, context, similar, status, pause, resume, mcp, doctor, forget, service)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The commands, in the order help lists them. */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("index", IndexCommand::new);
        COMMANDS.put("watch", WatchCommand::new);
        COMMANDS.put("search", SearchCommand::new);
        COMMANDS.put("status", StatusCommand::new);
        COMMANDS.put("mcp", McpCommand::new);
        COMMANDS.put("doctor", DoctorCommand::new);
        COMMANDS.put("forget", ForgetCommand::new);
        COMMANDS.put("service", ServiceCommand::new);
        COMMANDS.put("context", ContextCommand::new);
        COMMANDS.put("similar", SimilarCommand::new);
        COMMANDS.put("pause", PauseCommand::new);
        COMMANDS.put("resume", PauseCommand.Resume::new);
        COMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // picocli builds the model of every command it is given, by reflection, before running one:
        // a run names its command first, so only that one is built; help and errors get them all
        Supplier<Object> named = args.length > 0 && !args[0].equals("help") ? COMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(args[0], named.get());
        } else {
            COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String denied = PermissionDenied.message(e);
            if (denied != null) { // a setting for a person to fix, like a bad config: exit 2, never retried by a service
                cmd.getErr().println("codeindex: " + denied);
                org.slf4j.LoggerFactory.getLogger(Main.class).debug("failure", e);
                return USAGE;
            }
            Throwable unusable = dev.codeindex.util.Causes.find(e,
                    c -> c instanceof dev.codeindex.util.UnusableDirectoryException);
            if (unusable != null) { // a data directory where none can be: a setting, as a bad config is
                cmd.getErr().println("codeindex: " + unusable.getMessage() + "; choose another path (--data-dir"
                        + " for the index)");
                return USAGE;
            }
            if (e instanceof ConfigException || e instanceof StoreConfigException || e instanceof StoreFormatException) {
                cmd.getErr().println("codeindex: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof HttpEmbedderException h && h.reason() != HttpEmbedderException.Reason.BAD_RESPONSE) {
                // a refused key or a rejected request (wrong model name, window too large): the config
                cmd.getErr().println("codeindex: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof ManifestUnreadableException) {
                cmd.getErr().println("codeindex: " + e.getMessage());
                return DAMAGED;
            }
            if (e instanceof DataCorruptException d) {
                cmd.getErr().println("codeindex: " + d.getMessage() + "; 'codeindex doctor' shows what to do, and"
                        + " 'codeindex index ROOT' (or restarting the daemon) moves it aside and rebuilds it");
                return DAMAGED;
            }
            if (e instanceof StoreDamagedException) {
                cmd.getErr().println("codeindex: " + e.getMessage());
                return DAMAGED;
            }
            if (e instanceof DiskFullException) {
                cmd.getErr().println("codeindex: " + e.getMessage());
                return DISK_FULL;
            }
            if (e instanceof CommandFailedException) {
                cmd.getErr().println("codeindex: " + e.getMessage());
                org.slf4j.LoggerFactory.getLogger(Main.class).debug("failure", e);
                return FAILED;
            }
            if (e instanceof DataDirInUseException) {
                cmd.getErr().println("codeindex: " + e.getMessage());
                return IN_USE;
            }
            if (e instanceof EmbedderUnavailableException || e instanceof StoreUnavailableException
                    || e instanceof HttpEmbedderException) { // the server answers, but not with embeddings
                cmd.getErr().println("codeindex: " + e.getMessage()
                        + " (nothing was recorded as done: the next run picks up from the last committed batch)");
                return UNAVAILABLE;
            }
            cmd.getErr().println("codeindex: " + e);
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("failure", e);
            return FAILED;
        });
        return cli.execute(args);
    }
}
