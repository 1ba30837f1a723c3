package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * {@code codeindex service install|uninstall|status|print} into a temp HOME (and temp unit, config,
 * lib and data directories for {@code --system}); such an install is never enabled or started.
 */
class ServiceCommandTest {
    @TempDir
    Path tmp;
    Path home;
    Path root;
    Path jar;
    final Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        root = Files.createDirectories(tmp.resolve("src/project"));
        jar = tmp.resolve("build/codeindex.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    }

    CliRunner.Result user(String command, String... more) {
        List<String> args = new ArrayList<>(List.of("service", command, "--platform", "systemd", "--home", home.toString()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    String[] systemDirs() {
        return new String[] {"--system", "--unit-dir", tmp.resolve("etc/systemd/system").toString(), "--config-dir",
                tmp.resolve("etc/codeindex").toString(), "--lib-dir", tmp.resolve("usr/lib/codeindex").toString(),
                "--sysusers-dir", tmp.resolve("etc/sysusers.d").toString(), "--data-dir",
                tmp.resolve("var/codeindex").toString()};
    }

    CliRunner.Result system(String command, String... more) {
        List<String> args = new ArrayList<>(List.of("service", command, "--platform", "systemd"));
        args.addAll(List.of(systemDirs()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    Path unit() {
        return home.resolve(".config/systemd/user/codeindex.service");
    }

    Path config() {
        return home.resolve(".config/codeindex/codeindex.yaml");
    }

    static List<Path> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void install_writes_a_user_unit_with_real_paths_the_roots_into_its_config_and_a_copy_of_the_jar() throws Exception {
        CliRunner.Result r = user("install", "--jar", jar.toString(), root.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, List<String>> u = ServiceUnitsTest.unit(unit());
        Path installedJar = home.resolve(".local/share/codeindex/codeindex.jar");
        assertEquals(javaBin + " -Xmx512m -XX:G1PeriodicGCInterval=60000 -XX:-DontCompileHugeMethods --add-modules jdk.incubator.vector -jar " + installedJar + " watch --config " + config()
                + " --data-dir " + home.resolve(".local/state/codeindex") + " --no-progress", u.get("ExecStart").get(0));
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(installedJar), "the jar is copied once");
        assertTrue(Files.readString(config()).contains("roots:\n  - \"" + root + "\"\n"), Files.readString(config()));
        assertTrue(Files.readString(config()).contains("embedder:"), "a new config starts from the shipped one");
        // the service cannot be started from a test: it says how, and where logs and the status page are
        assertTrue(r.out().contains("not started"), r.out());
        assertTrue(r.out().contains("systemctl --user daemon-reload && systemctl --user enable --now codeindex.service"),
                r.out());
        assertTrue(r.out().contains("journalctl --user -u codeindex -f"), r.out());
        assertTrue(r.out().contains("http://127.0.0.1:7341/"), r.out());
        assertTrue(user("status").out().contains("installed: yes"));
        assertFalse(user("status", "--jar", jar.toString()).out().contains("jar:"), "the same jar: nothing to say");
        Path newer = Files.writeString(jar.resolveSibling("newer.jar"), "another build");
        assertTrue(user("status", "--jar", newer.toString()).out().contains("jar:       " + installedJar
                + " is not this codeindex's jar (" + newer + "): the service runs another build"), "an upgrade not installed");

        Assumptions.assumeTrue(Files.isExecutable(ServiceUnitsTest.ANALYZE), "no systemd-analyze here");
        ServiceUnitsTest.analyze(unit(), true, "verify");
    }

    @Test
    void install_refuses_without_a_root_and_writes_nothing() throws Exception {
        CliRunner.Result r = user("install", "--jar", jar.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("no root for the service to watch"), r.err());
        assertTrue(r.err().contains("codeindex service install ~/src/project"), "the message gives the fix: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals(List.of(home), tree(home), "nothing written");

        CliRunner.Result nested = user("install", "--jar", jar.toString(), root.toString(), root.getParent().toString());
        assertEquals(2, nested.exit(), nested.err());
        assertTrue(nested.err().contains("lies inside root " + root.getParent()), nested.err());
        assertEquals(List.of(home), tree(home), "the service would refuse to start: nothing written");

        CliRunner.Result missing = user("install", "--jar", jar.toString(), tmp.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("is not a directory"), missing.err());
        assertEquals(List.of(home), tree(home));
    }

    @Test
    void the_roots_already_in_a_config_are_enough_and_the_rest_of_that_config_is_kept() throws Exception {
        Files.createDirectories(config().getParent());
        String mine = "# my settings\nroots:\n  - " + root + "\nserver:\n  port: 7400\n";
        Files.writeString(config(), mine);
        CliRunner.Result r = user("install", "--jar", jar.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(mine, Files.readString(config()), "no ROOT given: the config is not touched");
        assertTrue(r.out().contains("http://127.0.0.1:7400/"), r.out());

        Path other = Files.createDirectories(tmp.resolve("src/other"));
        r = user("install", "--jar", jar.toString(), other.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("# my settings\nroots:\n  - \"" + other + "\"\nserver:\n  port: 7400\n", Files.readString(config()),
                "only the roots are replaced");
        // uninstall keeps a config that was the user's before install
        assertEquals(0, user("uninstall").exit());
        assertTrue(Files.exists(config()));
        assertFalse(Files.exists(unit()));
    }

    @Test
    void install_with_config_installs_that_file_s_settings_with_absolute_roots() throws Exception {
        // the README lists --config as a common option; install refused it (a new-user trial)
        Path mine = Files.writeString(tmp.resolve("my.yaml"), "# team settings\nroots:\n  - ~/codeindex-absent-root\n"
                + "  - {path: " + root + ", collection: proj}\nserver:\n  port: 7402\ndataDir: rel/data\n");
        String expected = "# team settings\nroots:\n  - \"" + Path.of(System.getProperty("user.home"), "codeindex-absent-root")
                + "\"\n  - {path: \"" + root + "\", collection: \"proj\"}\nserver:\n  port: 7402\ndataDir: \""
                + Path.of("rel/data").toAbsolutePath() + "\"\n";
        CliRunner.Result printed = user("print", "--config", mine.toString(), "--jar", jar.toString());
        assertEquals(0, printed.exit(), printed.err());
        assertTrue(printed.out().contains("==> " + config() + " <==\n" + expected), printed.out());
        assertFalse(Files.exists(config()), "print writes nothing");

        CliRunner.Result r = user("install", "--config", mine.toString(), "--jar", jar.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(expected, Files.readString(config()), "the service reads a copy, every path absolute");
        assertTrue(r.out().contains("http://127.0.0.1:7402/"), r.out());
        assertTrue(Files.readString(unit()).contains("--data-dir " + Path.of("rel/data").toAbsolutePath()),
                Files.readString(unit()));

        // the service's config, edited since: replacing it with another file's text needs --force
        Files.writeString(config(), Files.readString(config()) + "# tuned by hand\n");
        Path other = Files.writeString(tmp.resolve("other.yaml"), "roots:\n  - " + root + "\n");
        CliRunner.Result refused = user("install", "-c", other.toString(), "--jar", jar.toString());
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains(config().toString()) && refused.err().contains("--force"), refused.err());
        assertTrue(Files.readString(config()).endsWith("# tuned by hand\n"), "the edit is kept");
        assertEquals(0, user("install", "-c", other.toString(), "--force", "--jar", jar.toString()).exit());
        assertEquals("roots:\n  - \"" + root + "\"\n", Files.readString(config()));

        // a config that was the user's before install (the CLI's default config too) is never deleted by uninstall,
        // even once --config replaced its text (a review found install then recorded it as its own)
        home = Files.createDirectories(tmp.resolve("home2"));
        Files.createDirectories(config().getParent());
        Files.writeString(config(), "# mine\nroots:\n  - " + root + "\nindex:\n  batchSize: 64\n");
        assertEquals(0, user("install", "--jar", jar.toString()).exit());
        CliRunner.Result again = user("install", "-c", mine.toString(), "--jar", jar.toString());
        assertEquals(2, again.exit(), "the user's own config is not replaced without --force: " + again.err());
        assertTrue(Files.readString(config()).startsWith("# mine"), Files.readString(config()));
        assertEquals(0, user("install", "-c", mine.toString(), "--force", "--jar", jar.toString()).exit());
        assertEquals(0, user("uninstall").exit());
        assertTrue(Files.exists(config()), "uninstall keeps a config that was there before install");

        CliRunner.Result missing = user("install", "--config", tmp.resolve("nope.yaml").toString(), "--jar", jar.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--config " + tmp.resolve("nope.yaml") + ": no such file"), missing.err());
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "server:\n  port: many\n");
        CliRunner.Result invalid = user("install", "--config", bad.toString(), "--jar", jar.toString());
        assertEquals(2, invalid.exit());
        assertTrue(invalid.err().contains(bad.toString()), "the error names the user's file: " + invalid.err());
    }

    /** Found in review: the model's files relative to the installer's directory meant nothing to the service. */
    @Test
    void install_with_config_makes_the_model_files_absolute_too() throws Exception {
        Path model = Files.write(Files.createDirectories(tmp.resolve("models")).resolve("m.onnx"), new byte[] {1});
        Files.writeString(tmp.resolve("models/tokenizer.json"), "{}");
        Path here = Path.of("").toAbsolutePath();
        Path mine = Files.writeString(tmp.resolve("model.yaml"), "roots:\n  - " + root + "\nembedder:\n  model: onnx\n"
                + "  modelPath: " + here.relativize(model) + "\n  tokenizerPath: \"" + here.relativize(
                tmp.resolve("models/tokenizer.json")) + "\"  # the tokenizer\n");
        CliRunner.Result r = user("print", "--config", mine.toString(), "--jar", jar.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  modelPath: \"" + model + "\"\n"), r.out());
        assertTrue(r.out().contains("  tokenizerPath: \"" + tmp.resolve("models/tokenizer.json") + "\"  # the tokenizer\n"),
                r.out());
    }

    /**
     * Without systemd (a container), install said to start the unit with systemctl, which cannot work there
     * either (a new-user trial). Run as a user would, in a child JVM whose home is a temp directory; only
     * where systemd is not running, so that nothing is started for real.
     */
    @Test
    void without_systemd_install_says_nothing_here_starts_the_unit() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")),
                "systemd runs here: install would start the unit for real");
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(List.of("-Xmx128m"), "service", "install", "--jar",
                jar.toString(), root.toString()));
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("XDG_CONFIG_HOME");
        pb.environment().remove("XDG_DATA_HOME");
        pb.environment().remove("XDG_STATE_HOME");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("not started: systemd is not running on this machine") && out.contains("codeindex watch"),
                out);
        assertFalse(out.contains("start it with"), "no command that cannot work here: " + out);
        assertTrue(Files.exists(unit()), "the unit is written, for a machine that has systemd");
    }

    /** A root inside a directory the outer root ignores is indexed once: allowed (found in review). */
    @Test
    void a_root_inside_an_ignored_directory_of_another_root_is_allowed() throws Exception {
        Path inner = Files.createDirectories(root.resolve("node_modules/pkg"));
        Files.writeString(inner.resolve("index.js"), "module.exports = 1;\n");
        CliRunner.Result r = user("install", "--jar", jar.toString(), root.toString(), inner.toString());
        assertEquals(0, r.exit(), r.err());
        Path src = Files.createDirectories(root.resolve("src"));
        CliRunner.Result nested = user("install", "--jar", jar.toString(), root.toString(), src.toString());
        assertEquals(2, nested.exit(), "a root the outer one walks is refused: " + nested.err());
    }

    @Test
    void a_changed_file_is_not_overwritten_without_force() throws Exception {
        assertEquals(0, user("install", "--jar", jar.toString(), root.toString()).exit());
        String edited = Files.readString(unit()).replace("Nice=10", "Nice=5");
        Files.writeString(unit(), edited);
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 9, 9}); // a new build

        CliRunner.Result refused = user("install", "--jar", jar.toString(), root.toString());
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains(unit().toString()) && refused.err().contains("--force"), refused.err());
        assertEquals(edited, Files.readString(unit()), "the edit is kept");
        assertArrayEquals(new byte[] {'P', 'K', 3, 4, 1, 2, 3},
                Files.readAllBytes(home.resolve(".local/share/codeindex/codeindex.jar")), "nothing is written on refusal");

        CliRunner.Result forced = user("install", "--force", "--jar", jar.toString(), root.toString());
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(Files.readString(unit()).contains("Nice=10"));
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(home.resolve(".local/share/codeindex/codeindex.jar")));

        // the files install wrote and nobody changed are updated without --force (a new jar, say)
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 7});
        CliRunner.Result upgrade = user("install", "--jar", jar.toString(), root.toString());
        assertEquals(0, upgrade.exit(), upgrade.err());
        assertTrue(upgrade.out().contains("updated   " + home.resolve(".local/share/codeindex/codeindex.jar")),
                upgrade.out());
        assertTrue(upgrade.out().contains("unchanged " + unit()), upgrade.out());
        assertTrue(upgrade.out().contains("systemctl --user restart codeindex.service"), "an update restarts: " + upgrade.out());
    }

    @Test
    void uninstall_removes_what_install_wrote_and_nothing_else() throws Exception {
        // what was there before: another unit, a secrets file, the index of an earlier run
        Path otherUnit = home.resolve(".config/systemd/user/other.service");
        Files.createDirectories(otherUnit.getParent());
        Files.writeString(otherUnit, "[Service]\nExecStart=/bin/true\n");
        Path env = home.resolve(".config/codeindex/env");
        Files.createDirectories(env.getParent());
        Files.writeString(env, "QDRANT_API_KEY=x\n");
        Path index = home.resolve(".local/state/codeindex/roots/x/manifest.db");
        Files.createDirectories(index.getParent());
        Files.writeString(index, "db");
        List<Path> before = tree(home);

        assertEquals(0, user("install", "--jar", jar.toString(), root.toString()).exit());
        assertTrue(tree(home).size() > before.size());
        CliRunner.Result r = user("uninstall");
        assertEquals(0, r.exit(), r.err());
        assertEquals(before, tree(home), "exactly what install wrote is gone: " + r.out());
        assertTrue(r.out().contains("the index stays in " + home.resolve(".local/state/codeindex")), r.out());
        assertTrue(r.out().contains("codeindex forget ROOT --data-dir " + home.resolve(".local/state/codeindex")),
                "and says how to delete it: " + r.out());
        assertTrue(user("status").out().contains("installed: no"));
        assertTrue(user("uninstall").out().contains("not installed"), "a second uninstall has nothing to do");
    }

    @Test
    void uninstall_keeps_a_file_changed_since_install_unless_forced() throws Exception {
        assertEquals(0, user("install", "--jar", jar.toString(), root.toString()).exit());
        Files.writeString(config(), Files.readString(config()) + "# mine\n");
        CliRunner.Result r = user("uninstall");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(config()));
        assertTrue(r.out().contains("kept     " + config() + " (changed since install wrote it; --force removes it)"),
                r.out());
        assertFalse(Files.exists(unit()));
        assertFalse(Files.exists(home.resolve(".local/share/codeindex/codeindex.jar")), "no kept unit runs it");

        // what it said: --force removes it (the record still lists it)
        CliRunner.Result forced = user("uninstall", "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(forced.out().contains("removed  " + config()), forced.out());
        assertEquals(List.of(home), tree(home), "nothing of the install is left: " + forced.out());
    }

    /**
     * Found by a user trial: uninstall kept an edited unit, said --force would remove it, but deleted
     * the record and the jar; uninstall --force then found nothing installed, and the unit ran a
     * deleted jar.
     */
    @Test
    void uninstall_keeps_an_edited_unit_with_the_jar_it_runs_and_force_removes_both_later() throws Exception {
        assertEquals(0, user("install", "--jar", jar.toString(), root.toString()).exit());
        Path installedJar = home.resolve(".local/share/codeindex/codeindex.jar");
        Path record = home.resolve(".local/share/codeindex/installed.txt");
        Files.writeString(unit(), Files.readString(unit()).replace("[Service]", "[Service]\nEnvironment=MINE=1"));
        CliRunner.Result r = user("uninstall");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("kept     " + unit() + " (changed since install wrote it; --force removes it)"),
                r.out());
        assertTrue(Files.exists(unit()));
        assertTrue(Files.exists(installedJar), "the kept unit runs it: " + r.out());
        assertTrue(r.out().contains("kept     " + installedJar + " (kept while codeindex.service is, which runs it;"
                + " --force removes both)"), r.out());
        assertTrue(Files.exists(record), "the record lists what was kept: " + r.out());
        assertTrue(r.out().contains("kept     " + record + " (lists the files kept, for `codeindex service uninstall"
                + " --force`)"), r.out());
        assertFalse(Files.exists(config()), "what was not kept is gone");

        CliRunner.Result again = user("uninstall");
        assertEquals(0, again.exit(), again.err());
        assertTrue(Files.exists(unit()) && Files.exists(installedJar), "kept again without --force: " + again.out());

        CliRunner.Result forced = user("uninstall", "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(forced.out().contains("removed  " + unit()), forced.out());
        assertTrue(forced.out().contains("removed  " + installedJar), forced.out());
        assertEquals(List.of(home), tree(home), "nothing of the install is left: " + forced.out());
        assertTrue(user("uninstall").out().contains("not installed"), forced.out());
    }

    @Test
    void print_shows_what_install_would_write_and_writes_nothing() throws Exception {
        CliRunner.Result p = user("print", "--jar", jar.toString(), root.toString());
        assertEquals(0, p.exit(), p.err());
        assertEquals(List.of(home), tree(home));
        assertEquals(0, user("install", "--jar", jar.toString(), root.toString()).exit());
        assertTrue(p.out().contains("==> " + unit() + " <==\n" + Files.readString(unit())), p.out());
        assertTrue(p.out().contains("==> " + config() + " <==\n" + Files.readString(config())), p.out());
        assertTrue(p.out().contains("a copy of " + jar), p.out());
    }

    @Test
    void the_system_unit_installs_into_given_directories_passes_verify_and_rates_ok() throws Exception {
        CliRunner.Result r = system("install", "--jar", jar.toString(), root.toString());
        assertEquals(0, r.exit(), r.err());
        Path unit = tmp.resolve("etc/systemd/system/codeindex.service");
        Path data = tmp.resolve("var/codeindex");
        Map<String, List<String>> u = ServiceUnitsTest.unit(unit);
        assertEquals(List.of("codeindex"), u.get("User"));
        assertEquals(List.of(data.toString()), u.get("ReadWritePaths"));
        assertTrue(u.get("ExecStart").get(0).contains(" --config " + tmp.resolve("etc/codeindex/codeindex.yaml")));
        assertTrue(Files.isDirectory(data), "the sandbox needs the data directory to exist");
        assertTrue(Files.readString(tmp.resolve("etc/sysusers.d/codeindex.conf")).contains("u codeindex - "));
        assertTrue(Files.readString(tmp.resolve("etc/codeindex/codeindex.yaml")).contains("dataDir: \"" + data + "\""));
        assertTrue(r.out().contains("systemd-sysusers " + tmp.resolve("etc/sysusers.d/codeindex.conf")
                + " && chown codeindex:codeindex " + data + " && systemctl daemon-reload"
                + " && systemctl enable --now codeindex.service"), r.out());
        assertTrue(r.out().contains("journalctl -u codeindex -f"), r.out());

        if (Files.isExecutable(ServiceUnitsTest.ANALYZE)) {
            ServiceUnitsTest.analyze(unit, true, "verify");
            double exposure = ServiceUnitsTest.exposure(unit);
            assertTrue(exposure <= 2.5, "systemd-analyze security: " + exposure);
        }
        List<Path> written = tree(tmp.resolve("etc"));
        assertEquals(0, system("uninstall").exit());
        assertFalse(Files.exists(tmp.resolve("etc")), "install made etc/ and everything in it: " + written);
        assertFalse(Files.exists(tmp.resolve("usr")));
        assertFalse(Files.exists(data), "an empty data directory install made is removed too");
    }

    @Test
    void a_system_config_without_a_data_directory_gets_the_services_and_systemd_makes_it() throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc/codeindex"));
        Files.writeString(etc.resolve("codeindex.yaml"), "roots:\n  - " + root + "\n");
        CliRunner.Result r = CliRunner.run("service", "install", "--platform", "systemd", "--system", "--unit-dir",
                tmp.resolve("unit").toString(), "--config-dir", etc.toString(), "--lib-dir", tmp.resolve("lib").toString(),
                "--sysusers-dir", tmp.resolve("sysusers").toString(), "--jar", jar.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("roots:\n  - " + root + "\ndataDir: \"/var/lib/codeindex\"\n",
                Files.readString(etc.resolve("codeindex.yaml")));
        Map<String, List<String>> u = ServiceUnitsTest.unit(tmp.resolve("unit/codeindex.service"));
        assertEquals(List.of("codeindex"), u.get("StateDirectory"));
        assertEquals(List.of("/var/lib/codeindex"), u.get("ReadWritePaths"));
        assertTrue(u.get("ExecStart").get(0).endsWith(" --data-dir /var/lib/codeindex --no-progress"));
    }

    @Test
    void on_macos_install_writes_a_launch_agent_with_real_paths() throws Exception {
        CliRunner.Result r = CliRunner.run("service", "install", "--platform", "launchd", "--home", home.toString(),
                "--jar", jar.toString(), root.toString());
        assertEquals(0, r.exit(), r.err());
        Path plist = home.resolve("Library/LaunchAgents/dev.codeindex.watch.plist");
        Map<String, Element> dict = ServiceUnitsTest.plist(plist);
        assertEquals("dev.codeindex.watch", dict.get("Label").getTextContent());
        assertEquals(List.of(javaBin.toString(), "-Xmx512m", "-XX:G1PeriodicGCInterval=60000", "-XX:-DontCompileHugeMethods", "--add-modules",
                        "jdk.incubator.vector", "-jar",
                        home.resolve(".local/share/codeindex/codeindex.jar").toString(), "watch", "--config",
                        config().toString(), "--data-dir", home.resolve(".local/state/codeindex").toString(), "--no-progress"),
                ServiceUnitsTest.strings(dict.get("ProgramArguments")));
        assertTrue(dict.get("KeepAlive").getTextContent().contains("Crashed"));
        assertEquals(home.resolve("Library/Logs/codeindex.log").toString(), dict.get("StandardErrorPath").getTextContent());
        assertTrue(r.out().contains("launchctl bootstrap gui/$(id -u) " + plist), r.out());
        assertTrue(r.out().contains("tail -f " + home.resolve("Library/Logs/codeindex.log")), r.out());

        CliRunner.Result system = CliRunner.run("service", "install", "--system", "--platform", "launchd", "--home",
                home.toString(), "--jar", jar.toString(), root.toString());
        assertEquals(2, system.exit());
        assertTrue(system.err().contains("without --system"), system.err());
    }

    /**
     * A runnable jar of this build that names the test's class path in its manifest: what the unit
     * runs with {@code java -jar}, before {@code mvn package} has made the real one.
     */
    Path runnableJar() throws IOException {
        java.util.jar.Manifest m = new java.util.jar.Manifest();
        m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, Main.class.getName());
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toString()); // a directory's URI ends with '/'
        }
        m.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, String.join(" ", urls));
        Path out = tmp.resolve("build/runnable.jar");
        try (var jarOut = new java.util.jar.JarOutputStream(Files.newOutputStream(out), m)) {
            jarOut.flush();
        }
        return out;
    }

    @Test
    void the_units_exact_command_line_starts_the_daemon_and_sigterm_stops_it_clean_within_timeout_stop_sec()
            throws Exception {
        Files.writeString(root.resolve("App.java"), "class App { void run() {} }\n");
        Files.createDirectories(config().getParent());
        Files.writeString(config(), "index:\n  offline: true\nserver:\n  port: 0\n");
        CliRunner.Result r = user("install", "--jar", runnableJar().toString(), root.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, List<String>> u = ServiceUnitsTest.unit(unit());
        List<String> cmd = List.of(u.get("ExecStart").get(0).split(" ")); // every path here is plain: no quoting
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("service.log").toFile());
        pb.environment().clear();
        pb.environment().put("HOME", home.toString());
        for (String e : u.get("Environment")) {
            pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        Process p = pb.start();
        try {
            Path data = home.resolve(".local/state/codeindex");
            Path daemonFile = data.resolve(WatchCommand.DAEMONS_DIR).resolve(p.pid() + ".json");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> Files.exists(daemonFile) || !p.isAlive());
            assertTrue(p.isAlive(), Files.readString(tmp.resolve("service.log")));
            String log = Files.readString(tmp.resolve("service.log"));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                    Files.readString(tmp.resolve("service.log")).contains("initial pass"));
            assertTrue(Files.readString(tmp.resolve("service.log")).contains("watching " + root), log);
            p.destroy(); // SIGTERM, as KillSignal= says
            long timeout = Long.parseLong(u.get("TimeoutStopSec").get(0));
            assertTrue(p.waitFor(timeout, java.util.concurrent.TimeUnit.SECONDS), "stopped within TimeoutStopSec");
            List<String> success = new ArrayList<>(List.of("0"));
            success.addAll(u.get("SuccessExitStatus"));
            assertTrue(success.contains(String.valueOf(p.exitValue())), "exit " + p.exitValue() + " counts as success");
            Map<String, Object> state = CrashResumeTest.dump(data);
            assertEquals(Boolean.TRUE, state.get("cleanShutdown"), state.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void service_without_a_subcommand_says_which_there_are() {
        CliRunner.Result r = CliRunner.run("service");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("install, uninstall, status or print"), r.err());
    }
}
