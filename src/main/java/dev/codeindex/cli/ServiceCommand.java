package dev.codeindex.cli;

import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigException;
import dev.codeindex.config.ConfigLoader;
import dev.codeindex.config.WatchConfig;
import dev.codeindex.service.ConfigText;
import dev.codeindex.service.Platform;
import dev.codeindex.service.ServiceInstaller;
import dev.codeindex.service.ServiceLayout;
import dev.codeindex.service.ServiceTemplates;
import dev.codeindex.walk.WalkOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code codeindex service install|uninstall|status|print}: the watch daemon as a systemd unit (a
 * user unit, or a system unit with {@code --system}) or a launchd agent, in one command. What the
 * files hold and how they are written and removed is {@code dev.codeindex.service}; this class
 * reads the config, finds the jar, and talks to systemctl or launchctl.
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Run `codeindex watch` in the background under systemd (Linux) or launchd (macOS)."},
        subcommands = {ServiceCommand.Install.class, ServiceCommand.Uninstall.class, ServiceCommand.Status.class,
                ServiceCommand.Print.class})
final class ServiceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: install, uninstall, status or print");
    }

    /** Where the service goes; the hidden options put it elsewhere (tests), and such a service is never started. */
    static final class Where {
        @Option(names = "--system", description = "A system unit run by a dedicated user (config in /etc/codeindex,"
                + " data in /var/lib/codeindex; needs root) instead of a unit for your user.")
        boolean system;

        @Option(names = "--user", paramLabel = "NAME", description = "The system unit's user (default: codeindex).")
        String user;

        @Option(names = "--java", paramLabel = "FILE", description = "The java the service runs (default: the one"
                + " running this command).")
        Path java;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The service's data directory (default: the"
                + " config's dataDir; /var/lib/codeindex with --system).")
        Path dataDir;

        @Option(names = "--home", hidden = true)
        Path home;
        @Option(names = "--unit-dir", hidden = true)
        Path unitDir;
        @Option(names = "--config-dir", hidden = true)
        Path configDir;
        @Option(names = "--lib-dir", hidden = true)
        Path libDir;
        @Option(names = "--sysusers-dir", hidden = true)
        Path sysusersDir;
        @Option(names = "--platform", hidden = true, paramLabel = "systemd|launchd")
        String platform;

        ServiceLayout.Overrides overrides() {
            return new ServiceLayout.Overrides(home, unitDir, configDir, libDir, sysusersDir, dataDir);
        }

        Platform platform() {
            if (platform == null) {
                return Platform.current();
            }
            Platform p = Platform.named(platform);
            if (p == null) {
                throw new ConfigException("--platform: expected systemd or launchd, got '" + platform + "'");
            }
            return p;
        }

        ServiceLayout layout() {
            Path javaBin = java != null ? java.toAbsolutePath().normalize()
                    : Path.of(System.getProperty("java.home"), "bin", "java");
            if (!Files.isExecutable(javaBin)) {
                throw new ConfigException("--java " + javaBin + " is not an executable file");
            }
            try {
                return ServiceLayout.resolve(platform(), system, System.getenv(), overrides(), javaBin, user);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }

        /** Installed for a test or a look (hidden options): never enabled, started or stopped. --data-dir is not that. */
        boolean elsewhere() {
            return home != null || unitDir != null || configDir != null || libDir != null || sysusersDir != null
                    || platform != null;
        }

        Map<String, String> serviceEnv(ServiceLayout l) {
            Map<String, String> env = new HashMap<>();
            if (l.system()) {
                env.put("HOME", l.dataDir().toString());
            } else {
                env.put("HOME", home != null ? home.toString() : System.getenv().getOrDefault("HOME",
                        System.getProperty("user.home")));
                String state = System.getenv("XDG_STATE_HOME");
                if (home == null && state != null) {
                    env.put("XDG_STATE_HOME", state);
                }
            }
            return env;
        }
    }

    /** The config a service is installed with: its own, or a copy of the user's file. */
    static final class From {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Install with the settings of this"
                + " config file: its text becomes the config the service reads (roots and dataDir written as absolute"
                + " paths, since the service resolves no path against your directory). Default: the service's config"
                + " as it is.")
        Path file;
    }

    /** What install writes, with the config read back as the service will read it. */
    record Plan(ServiceLayout layout, List<ServiceInstaller.Planned> files, Config config, Path jarSource) {
        String url() {
            return WatchCommand.url(config.watch().bind(), config.watch().port()) + "/";
        }
    }

    /**
     * @param force install replaces a service config that differs from {@code configFrom}'s text (print
     *              passes true: it writes nothing)
     */
    static Plan plan(Where where, Path configFrom, List<Path> roots, Path jarFlag, boolean needRoots, boolean force)
            throws IOException {
        ServiceLayout layout = where.layout();
        List<Path> abs = new ArrayList<>();
        for (Path r : roots) {
            Path a = r.toAbsolutePath().normalize();
            if (!Files.isDirectory(a)) {
                throw new ConfigException("ROOT " + a + " is not a directory");
            }
            abs.add(a);
        }
        Path configFile = layout.configFile();
        boolean exists = Files.isRegularFile(configFile);
        String text;
        if (configFrom != null) {
            text = fromUserFile(configFrom);
        } else {
            text = exists ? Files.readString(configFile) : ServiceTemplates.configTemplate();
        }
        if (!exists && layout.system() && configFrom == null) {
            text = ConfigText.withDataDir(text, layout.dataDir());
        }
        if (!abs.isEmpty()) {
            text = ConfigText.withRoots(text, abs);
        }
        Config config = readBack(text, configFile, where.serviceEnv(layout));
        if (needRoots && config.watch().roots().isEmpty()) {
            throw new ConfigException("no root for the service to watch: name them (codeindex service install"
                    + (where.system ? " --system" : "") + " ~/src/project ~/src/other) or list them under roots: in "
                    + configFile);
        }
        // what watch would refuse at its start (exit 2, which the unit does not retry) is refused here
        WatchCommand.refuseOverlaps(config.watch().roots().stream().map(WatchConfig.Root::path)
                .filter(Files::isDirectory).toList(), WalkSettings.of(config));
        if (where.dataDir == null) {
            Map<String, String> env = where.serviceEnv(layout);
            Path defaultDataDir = Path.of(env.getOrDefault("XDG_STATE_HOME", env.get("HOME") + "/.local/state"),
                    "codeindex");
            if (layout.system() && config.dataDir().equals(defaultDataDir)) {
                // a system config that names no data directory: the service's, written in for `status --config`
                text = ConfigText.withDataDir(text, layout.dataDir());
                config = readBack(text, configFile, env);
            } else {
                layout = layout.withDataDir(config.dataDir());
            }
        }
        Path jar = jarSource(jarFlag);
        List<ServiceInstaller.Planned> files = new ArrayList<>();
        files.add(ServiceInstaller.Planned.copy(layout.jar(), jar));
        // a copy of --config replaces an existing service config only with --force: that file is a person's (the
        // CLI's default config too), so it stays theirs, an edit uninstall never deletes
        if (exists && configFrom != null && !force && !Files.readString(configFile).equals(text)) {
            throw new ConfigException("the service's config " + configFile + " exists and differs from --config "
                    + configFrom.toAbsolutePath().normalize() + ": install --force replaces it (keep a copy if you"
                    + " need it), or edit it instead of passing --config");
        }
        files.add(exists ? ServiceInstaller.Planned.edit(configFile, text) : ServiceInstaller.Planned.text(configFile, text));
        ServiceTemplates.render(layout).forEach((path, body) -> files.add(ServiceInstaller.Planned.text(path, body)));
        return new Plan(layout, files, config, jar);
    }

    /**
     * The text of the user's config file {@code file} as the service's config: checked as this command
     * would read it (with the user's home for {@code ~}, without the environment's overrides, which the
     * service does not have), with its roots and its dataDir, if it names one, made absolute.
     */
    static String fromUserFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--config " + file.toAbsolutePath().normalize() + ": no such file");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("HOME", System.getProperty("user.home"));
        Config c = new ConfigLoader(env, () -> WalkOptions.DEFAULT_SECRET_EXCLUDES).load(file, Map.of());
        if (!c.watch().roots().isEmpty()) {
            text = ConfigText.withRoots(text, c.watch().roots().stream().map(WatchConfig.Root::path).toList(),
                    c.watch().roots().stream().map(WatchConfig.Root::collection).toList());
        }
        boolean namesDataDir = text.lines().anyMatch(l -> l.matches("dataDir\\s*:.*"));
        text = namesDataDir ? ConfigText.withDataDir(text, c.dataDir().toAbsolutePath().normalize()) : text;
        return withAbsoluteModelFiles(text);
    }

    private static final java.util.regex.Pattern MODEL_FILE_LINE =
            java.util.regex.Pattern.compile("^(\\s+(?:modelPath|tokenizerPath)\\s*:\\s*)(['\"]?)([^'\"#]*?)\\2(\\s*(?:#.*)?)$");

    /** The embedder's model and tokenizer files (the config loader checked they exist) as absolute paths. */
    private static String withAbsoluteModelFiles(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            java.util.regex.Matcher m = MODEL_FILE_LINE.matcher(line);
            if (m.matches() && !m.group(3).isBlank() && !m.group(3).startsWith("~") && !Path.of(m.group(3)).isAbsolute()) {
                line = m.group(1) + ConfigText.quote(Path.of(m.group(3)).toAbsolutePath().normalize().toString()) + m.group(4);
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** The config text as the service would load it; an error names the real file, not the copy it was checked in. */
    private static Config readBack(String text, Path configFile, Map<String, String> env) throws IOException {
        Path tmp = Files.createTempFile("codeindex-service", ".yaml");
        try {
            Files.writeString(tmp, text);
            ConfigLoader loader = new ConfigLoader(env, () -> WalkOptions.DEFAULT_SECRET_EXCLUDES);
            return loader.load(tmp, Map.of());
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage().replace(tmp.toString(), configFile.toString()));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * What to say when the service's jar is not this codeindex's (an upgrade not installed: the service runs
     * the older build, whose data directory this one may refuse or rewrite); null when they are the same, or
     * there is nothing to compare.
     */
    static String staleJar(Path installed, Path flag) {
        try {
            Path mine = jarSource(flag);
            if (!Files.isRegularFile(installed) || Files.mismatch(installed, mine) == -1) {
                return null;
            }
            return installed + " is not this codeindex's jar (" + mine + "): the service runs another build; `codeindex"
                    + " service install` copies this one and restarts it";
        } catch (ConfigException | IOException e) {
            return null;
        }
    }

    /** The jar to install: --jar, else the jar running this, else target/codeindex.jar next to the classes. */
    static Path jarSource(Path flag) {
        if (flag != null) {
            if (!Files.isRegularFile(flag)) {
                throw new ConfigException("--jar " + flag + " is not a file");
            }
            return flag.toAbsolutePath().normalize();
        }
        try {
            Path running = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(running) && running.toString().endsWith(".jar")) {
                return running;
            }
            Path built = running.resolveSibling("codeindex.jar");
            if (Files.isRegularFile(built)) {
                return built;
            }
        } catch (Exception e) {
            // no code source: fall through to the message
        }
        throw new ConfigException("no codeindex jar to install: build it first (mvn -B -DskipTests package, or run"
                + " bin/codeindex --version) or give --jar FILE");
    }

    // ---- talking to the service manager

    /** Why the service manager cannot be asked here, or null when it can. */
    static final String NO_SYSTEMD = "systemd is not running on this machine";

    static String cannotManage(Where where, ServiceLayout l) {
        return cannotManage(where, l, true);
    }

    /** As {@link #cannotManage(Where, ServiceLayout)}; {@code changing}: a system unit is changed only as root. */
    static String cannotManage(Where where, ServiceLayout l, boolean changing) {
        if (where.elsewhere()) {
            return "installed outside the default directories";
        }
        if (l.platform() == Platform.LAUNCHD) {
            return onPath("launchctl") ? null : "launchctl is not on the PATH";
        }
        if (!Files.isDirectory(Path.of("/run/systemd/system"))) {
            return NO_SYSTEMD;
        }
        if (!onPath("systemctl")) {
            return "systemctl is not on the PATH";
        }
        if (l.system()) {
            return !changing || "root".equals(System.getProperty("user.name")) ? null : "a system unit needs root";
        }
        return run(List.of("systemctl", "--user", "show-environment")).exit() == 0 ? null
                : "no systemd user session (under sudo or su, log in as the user instead)";
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    record Ran(int exit, String output) {}

    static Ran run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Ran(-1, "timed out");
            }
            return new Ran(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Ran(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ran(-1, "interrupted");
        }
    }

    static List<String> systemctl(ServiceLayout l, String... args) {
        List<String> cmd = new ArrayList<>(List.of("systemctl"));
        if (!l.system()) {
            cmd.add("--user");
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    static String uid() {
        Ran r = run(List.of("id", "-u"));
        return r.exit() == 0 ? r.output() : "$(id -u)";
    }

    /** The commands that (re)start the installed service. */
    static List<List<String>> startCommands(ServiceLayout l, boolean restart, String uid) {
        List<List<String>> out = new ArrayList<>();
        if (l.platform() == Platform.LAUNCHD) {
            if (restart) {
                out.add(List.of("launchctl", "bootout", "gui/" + uid + "/" + ServiceLayout.LABEL));
            }
            out.add(List.of("launchctl", "bootstrap", "gui/" + uid, l.unitFile().toString()));
            return out;
        }
        if (l.system()) {
            out.add(List.of("systemd-sysusers", l.sysusersFile().toString()));
            if (!l.dataDir().startsWith("/var/lib/")) { // systemd hands over only a StateDirectory under /var/lib
                out.add(List.of("chown", l.user() + ":" + l.user(), l.dataDir().toString()));
            }
        }
        out.add(systemctl(l, "daemon-reload"));
        if (restart) {
            out.add(systemctl(l, "enable", ServiceLayout.UNIT_NAME));
            out.add(systemctl(l, "restart", ServiceLayout.UNIT_NAME));
        } else {
            out.add(systemctl(l, "enable", "--now", ServiceLayout.UNIT_NAME));
        }
        return out;
    }

    static List<String> stopCommand(ServiceLayout l, String uid) {
        return l.platform() == Platform.LAUNCHD ? List.of("launchctl", "bootout", "gui/" + uid + "/" + ServiceLayout.LABEL)
                : systemctl(l, "disable", "--now", ServiceLayout.UNIT_NAME);
    }

    static String shell(List<List<String>> commands) {
        List<String> lines = new ArrayList<>();
        for (List<String> c : commands) {
            lines.add(String.join(" ", c.stream().map(ServiceCommand::shellWord).toList()));
        }
        return String.join(" && ", lines);
    }

    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9/._+:@=,%-]+") || s.equals("$(id -u)") || s.startsWith("gui/$(id -u)") ? s
                : "'" + s.replace("'", "'\\''") + "'";
    }

    static String logs(ServiceLayout l) {
        return l.platform() == Platform.LAUNCHD ? "tail -f " + shellWord(l.logFile().toString())
                : l.system() ? "journalctl -u codeindex -f" : "journalctl --user -u codeindex -f";
    }

    static String describe(ServiceLayout l) {
        return l.platform() == Platform.LAUNCHD ? "launchd agent " + ServiceLayout.LABEL
                : l.system() ? "systemd system unit " + ServiceLayout.UNIT_NAME + " (user " + l.user() + ")"
                : "systemd user unit " + ServiceLayout.UNIT_NAME;
    }

    static String flags(Where w) {
        return w.system ? " --system" : "";
    }

    static int failed(PrintWriter err, IOException e, Where where) {
        if (e instanceof AccessDeniedException) {
            err.println("codeindex: cannot write " + e.getMessage() + ": permission denied"
                    + (where.system ? "; a system unit is installed as root (sudo codeindex service ... --system)" : ""));
            return Main.USAGE;
        }
        err.println("codeindex: " + e);
        return Main.FAILED;
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Install the watch daemon as a service and start it: copies the jar, writes ROOTs into the"
                    + " config the service reads, writes the unit (or launchd plist), enables and starts it.",
                    "Never overwrites a file changed since install wrote it, unless --force."})
    static final class Install implements Callable<Integer> {
        @Mixin
        Where where;

        @Mixin
        From from;

        @Parameters(arity = "0..*", paramLabel = "ROOT", description = "Directories the service watches (written into"
                + " the config's roots:; default: the roots it already lists).")
        List<Path> roots = new ArrayList<>();

        @Option(names = "--force", description = "Overwrite files that were changed since install wrote them.")
        boolean force;

        @Option(names = "--no-start", description = "Write the files only; print the command that starts the service.")
        boolean noStart;

        @Option(names = "--jar", paramLabel = "FILE", description = "The codeindex jar to install (default: the one"
                + " running this command, or target/codeindex.jar of this checkout).")
        Path jar;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Plan plan = plan(where, from.file, roots, jar, true, force);
            ServiceLayout l = plan.layout();
            List<ServiceInstaller.Change> changes;
            try {
                // a system unit's data directory outside /var/lib (which systemd makes) must exist for its sandbox
                List<Path> dirs = l.system() && !l.dataDir().startsWith("/var/lib/") ? List.of(l.dataDir()) : List.of();
                changes = ServiceInstaller.install(plan.files(), dirs, l.recordFile(), force);
            } catch (ServiceInstaller.ConflictException e) {
                err.println("codeindex: not installed: these files differ from what install writes and were changed"
                        + " since it wrote them (or not written by it):");
                e.changed().forEach(p -> err.println("  " + p));
                err.println("codeindex service print" + flags(where) + " shows what install writes; keep your"
                        + " changes elsewhere, or run install again with --force to overwrite them");
                return Main.USAGE;
            } catch (IOException e) {
                return failed(err, e, where);
            }
            out.println("codeindex service: " + describe(l));
            for (ServiceInstaller.Change c : changes) {
                String what = switch (c.action()) {
                    case CREATE -> "created  ";
                    case UPDATE, CONFLICT -> "updated  ";
                    case UNCHANGED -> "unchanged";
                };
                out.println("  " + what + " " + c.target());
            }
            out.println("  roots     " + String.join(", ", plan.config().watch().roots().stream()
                    .map(r -> r.path().toString()).toList()) + " (roots: in " + l.configFile() + ")");
            out.println("  data      " + l.dataDir());
            // an update of a service that may be running restarts it; a new one is enabled and started
            boolean changed = changes.stream().anyMatch(c -> c.action() == ServiceInstaller.Action.UPDATE
                    || c.action() == ServiceInstaller.Action.CONFLICT);
            String why = noStart ? "--no-start" : cannotManage(where, l);
            List<List<String>> start = startCommands(l, changed, why == null ? uid() : "$(id -u)");
            if (NO_SYSTEMD.equals(why)) { // a container, say: no command here would start the unit
                out.println("not started: " + why + " (a container?), so nothing here starts the unit. Run `codeindex"
                        + " watch --config " + l.configFile() + "` under the supervisor this machine has, or use the"
                        + " unit on a machine that boots with systemd");
            } else if (why != null) {
                out.println("not started (" + why + "); start it with:");
                out.println("  " + (l.system() && !"root".equals(System.getProperty("user.name")) ? "sudo sh -c '"
                        + shell(start).replace("'", "'\\''") + "'" : shell(start)));
            } else {
                for (List<String> cmd : start) {
                    Ran r = run(cmd);
                    if (r.exit() != 0) {
                        err.println("codeindex: the files are installed, but `" + shell(List.of(cmd)) + "` failed (exit "
                                + r.exit() + "): " + r.output());
                        err.println("fix that, then run: " + shell(start));
                        return Main.FAILED;
                    }
                }
                out.println("started: " + shell(start));
                if (l.platform() == Platform.SYSTEMD && !l.system()) {
                    out.println("to keep it running while you are logged out: loginctl enable-linger "
                            + System.getProperty("user.name"));
                }
            }
            out.println("logs:        " + logs(l));
            out.println("status:      codeindex service status" + flags(where) + " · status page " + plan.url());
            return Main.OK;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = {"Stop the service and remove exactly the files install wrote (unless changed since; "
                    + "--force removes those too). The config you edited and the data directory stay."})
    static final class Uninstall implements Callable<Integer> {
        @Mixin
        Where where;

        @Option(names = "--force", description = "Also remove files changed since install wrote them.")
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ServiceLayout l = where.layout();
            if (!Files.exists(l.recordFile())) {
                out.println("codeindex service is not installed here (no " + l.recordFile() + "); nothing removed");
                return Main.OK;
            }
            String why = cannotManage(where, l);
            String uid = why == null ? uid() : "$(id -u)";
            if (why == null && Files.exists(l.unitFile())) {
                Ran r = run(stopCommand(l, uid));
                out.println(r.exit() == 0 ? "stopped and disabled" : "stop: " + r.output());
            }
            ServiceInstaller.Uninstalled done;
            try {
                done = ServiceInstaller.uninstall(l.recordFile(), force, Map.of(l.jar(), l.unitFile()));
            } catch (IOException e) {
                return failed(err, e, where);
            }
            for (ServiceInstaller.Removal r : done.removals()) {
                out.println(r.removed() ? "  removed  " + r.path() : "  kept     " + r.path() + " (" + r.note() + ")");
            }
            if (done.recordKept()) {
                out.println("  kept     " + l.recordFile() + " (lists the files kept, for `codeindex service uninstall"
                        + flags(where) + " --force`)");
            }
            if (why == null && l.platform() == Platform.SYSTEMD) {
                run(systemctl(l, "daemon-reload"));
            } else if (why != null && !where.elsewhere()) {
                out.println("not stopped (" + why + "); if it is running, stop it: "
                        + shell(List.of(l.platform() == Platform.LAUNCHD ? stopCommand(l, uid)
                        : systemctl(l, "stop", ServiceLayout.UNIT_NAME))));
            }
            out.println("the index stays in " + l.dataDir() + " (`codeindex forget ROOT --data-dir " + l.dataDir()
                    + "` deletes a root's, `forget --gone` those of deleted trees)");
            return Main.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Whether the service is installed and whether it is running."})
    static final class Status implements Callable<Integer> {
        @Mixin
        Where where;

        @Option(names = "--jar", paramLabel = "FILE", description = "The codeindex jar to compare the installed one"
                + " with (default: the one running this command).")
        Path jar;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ServiceLayout l = where.layout();
            boolean installed = Files.exists(l.unitFile());
            if (!installed) {
                out.println("installed: no (no " + l.unitFile() + "); install it: codeindex service install"
                        + flags(where) + " ROOT…");
            } else {
                out.println("installed: yes, " + describe(l) + ": " + l.unitFile()
                        + (Files.exists(l.recordFile()) ? "" : " (not written by codeindex service install)"));
                out.println("config:    " + l.configFile());
                String stale = staleJar(l.jar(), jar);
                if (stale != null) {
                    out.println("jar:       " + stale);
                }
            }
            String why = cannotManage(where, l, false);
            if (why != null) {
                out.println("active:    unknown (" + why + ")");
            } else if (l.platform() == Platform.LAUNCHD) {
                Ran r = run(List.of("launchctl", "print", "gui/" + uid() + "/" + ServiceLayout.LABEL));
                out.println("active:    " + (r.exit() == 0 ? "loaded in launchd" : "no (not loaded in launchd)"));
            } else {
                Ran r = run(systemctl(l, "is-active", ServiceLayout.UNIT_NAME));
                out.println("active:    " + (r.output().isEmpty() ? "unknown" : r.output()));
            }
            Path data = where.dataDir != null ? where.dataDir.toAbsolutePath().normalize() : dataDirOf(l, where);
            for (RunningDaemons.Running d : RunningDaemons.of(data)) {
                out.println("daemon:    pid " + d.pid() + ", status page " + d.url() + "/, watching "
                        + String.join(", ", d.roots()));
            }
            if (installed) {
                out.println("logs:      " + logs(l));
            }
            return Main.OK;
        }

        private static Path dataDirOf(ServiceLayout l, Where where) {
            try {
                if (Files.isRegularFile(l.configFile())) {
                    return new ConfigLoader(where.serviceEnv(l), () -> WalkOptions.DEFAULT_SECRET_EXCLUDES)
                            .load(l.configFile(), Map.of()).dataDir();
                }
            } catch (ConfigException e) {
                // status still says what it can
            }
            return l.dataDir();
        }
    }

    @Command(name = "print", mixinStandardHelpOptions = true,
            description = {"Show what install would write, without writing anything."})
    static final class Print implements Callable<Integer> {
        @Mixin
        Where where;

        @Mixin
        From from;

        @Parameters(arity = "0..*", paramLabel = "ROOT", description = "Directories the service would watch.")
        List<Path> roots = new ArrayList<>();

        @Option(names = "--jar", paramLabel = "FILE", description = "The codeindex jar install would copy.")
        Path jar;

        @Option(names = "--example", hidden = true, description = "Only the unit (or plist), rendered for the shipped"
                + " examples (systemd/codeindex.service, systemd/codeindex-system.service, launchd/…plist).")
        boolean example;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (example) {
                ServiceLayout l = where.system ? ServiceTemplates.exampleSystem()
                        : ServiceTemplates.exampleUser(where.platform());
                out.print(ServiceTemplates.render(l).get(l.unitFile()));
                out.flush();
                return Main.OK;
            }
            Plan plan = plan(where, from.file, roots, jar, false, true);
            if (plan.config().watch().roots().isEmpty()) {
                spec.commandLine().getErr().println("codeindex: no roots yet: install needs ROOT… (or roots: in "
                        + plan.layout().configFile() + ")");
            }
            for (ServiceInstaller.Planned p : plan.files()) {
                out.println("==> " + p.target() + " <==");
                if (p.text() != null) {
                    out.print(new String(p.text(), StandardCharsets.UTF_8));
                } else {
                    out.println("(a copy of " + p.copyOf() + ", " + Files.size(p.copyOf()) + " bytes)");
                }
                out.println();
            }
            out.flush();
            return Main.OK;
        }
    }
}
