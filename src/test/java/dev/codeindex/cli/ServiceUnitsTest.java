package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.service.Platform;
import dev.codeindex.service.ServiceLayout;
import dev.codeindex.service.ServiceTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The service units: the shipped examples are what {@code codeindex service install} renders, they
 * agree with what the daemon does on SIGTERM, and systemd and launchd accept them.
 */
class ServiceUnitsTest {
    static final Path SYSTEMD = Path.of("systemd/codeindex.service");
    static final Path SYSTEMD_SYSTEM = Path.of("systemd/codeindex-system.service");
    static final Path LAUNCHD = Path.of("launchd/dev.codeindex.watch.plist");
    static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

    static Map<String, List<String>> unit(Path file) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("[") || eq < 0) {
                continue;
            }
            out.computeIfAbsent(l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
        }
        return out;
    }

    @Test
    void the_shipped_files_are_what_service_install_renders() throws Exception {
        String regenerate = " differs from what `codeindex service print --example` renders: edit the template in"
                + " src/main/resources/dev/codeindex/service/, then regenerate the file with bin/codeindex service print"
                + " --example [--system | --platform launchd] > FILE";
        ServiceLayout user = ServiceTemplates.exampleUser(Platform.SYSTEMD);
        assertEquals(ServiceTemplates.render(user).get(user.unitFile()), Files.readString(SYSTEMD), SYSTEMD + regenerate);
        ServiceLayout system = ServiceTemplates.exampleSystem();
        assertEquals(ServiceTemplates.render(system).get(system.unitFile()), Files.readString(SYSTEMD_SYSTEM),
                SYSTEMD_SYSTEM + regenerate);
        ServiceLayout agent = ServiceTemplates.exampleUser(Platform.LAUNCHD);
        assertEquals(ServiceTemplates.render(agent).get(agent.unitFile()), Files.readString(LAUNCHD), LAUNCHD + regenerate);
    }

    @Test
    void the_systemd_units_run_the_installed_jar_and_give_the_clean_stop_enough_time() throws Exception {
        for (Path file : List.of(SYSTEMD, SYSTEMD_SYSTEM)) {
            Map<String, List<String>> u = unit(file);
            String exec = u.get("ExecStart").get(0);
            assertTrue(exec.matches("/\\S+/bin/java -Xmx512m .* -jar /\\S+/codeindex\\.jar watch --config /\\S+ --data-dir"
                    + " /\\S+ --no-progress"), "java runs the installed jar, never bin/codeindex or Maven: " + exec);
            assertEquals(List.of("SIGTERM"), u.get("KillSignal"));
            assertTrue(Long.parseLong(u.get("TimeoutStopSec").get(0)) > WatchCommand.SHUTDOWN_SECONDS);
            assertEquals(List.of("143"), u.get("SuccessExitStatus"));
            assertTrue(u.get("Environment").contains("LANG=C.UTF-8"));
            List<String> noRestart = List.of(u.get("RestartPreventExitStatus").get(0).split(" "));
            for (int code : new int[] {Main.USAGE, Main.IN_USE, Main.DAMAGED}) {
                assertTrue(noRestart.contains(String.valueOf(code)), file + ": exit " + code + " must not restart in a loop");
            }
            assertFalse(noRestart.contains(String.valueOf(Main.UNAVAILABLE)), "a store or embedder down at start is retried");
            assertEquals(List.of("yes"), u.get("NoNewPrivileges"), file.toString());
            assertEquals(List.of("@system-service"), u.get("SystemCallFilter").subList(0, 1), file.toString());
            assertNull(u.get("MemoryDenyWriteExecute"), "the JVM needs executable memory for its compilers");
            Matcher max = Pattern.compile("(\\d+)M").matcher(u.get("MemoryMax").get(0));
            assertTrue(max.matches() && Long.parseLong(max.group(1)) >= 512 + 512,
                    "MemoryMax leaves room for more than the 512 MB heap: " + u.get("MemoryMax"));
        }
        Map<String, List<String>> system = unit(SYSTEMD_SYSTEM);
        assertEquals(List.of("codeindex"), system.get("User"));
        assertEquals(List.of("strict"), system.get("ProtectSystem"));
        assertEquals(List.of("/var/lib/codeindex"), system.get("ReadWritePaths"));
    }

    /** {@code systemd-analyze ARGS FILE}: exit code and output. */
    static String analyze(Path file, boolean mustPass, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ANALYZE.toString()));
        cmd.addAll(List.of(args));
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        if (mustPass) {
            assertEquals(0, p.exitValue(), cmd + ":\n" + out);
        }
        return out;
    }

    /** The overall exposure {@code systemd-analyze security --offline=yes} gives a unit file (0 best, 10 worst). */
    static double exposure(Path unit) throws Exception {
        String out = analyze(unit, false, "security", "--offline=yes", "--no-pager");
        Matcher m = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    /** A copy of a shipped unit whose java is this machine's (verify checks that ExecStart's binary exists). */
    static Path withThisJava(Path unit, Path dir) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path copy = dir.resolve(unit.getFileName().toString().replace("-system", ""));
        Files.writeString(copy, Files.readString(unit).replaceAll("(?m)^ExecStart=\\S+", "ExecStart=" + java));
        return copy;
    }

    @Test
    void systemd_accepts_the_units_and_rates_the_system_unit_ok(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ANALYZE), "no systemd-analyze here");
        Path user = Files.createDirectories(tmp.resolve("user"));
        Path system = Files.createDirectories(tmp.resolve("system"));
        analyze(withThisJava(SYSTEMD, user), true, "verify");
        Path systemUnit = withThisJava(SYSTEMD_SYSTEM, system);
        analyze(systemUnit, true, "verify");
        double exposure = exposure(systemUnit);
        assertTrue(exposure <= 2.5, "systemd-analyze security rates the system unit " + exposure + " (at most 2.5 is OK)");
        assertTrue(exposure(SYSTEMD) < 9.0, "the user unit is hardened as far as a user unit allows");
    }

    /** The top-level dict of a plist, key to value element. */
    static Map<String, Element> plist(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(file.toFile());
        Map<String, Element> dict = new LinkedHashMap<>();
        NodeList children = ((Element) doc.getElementsByTagName("dict").item(0)).getChildNodes();
        String key = null;
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n instanceof Element e) {
                if (e.getTagName().equals("key")) {
                    key = e.getTextContent();
                } else if (key != null) {
                    dict.put(key, e);
                    key = null;
                }
            }
        }
        return dict;
    }

    static List<String> strings(Element array) {
        List<String> out = new ArrayList<>();
        NodeList items = array.getElementsByTagName("string");
        for (int i = 0; i < items.getLength(); i++) {
            out.add(items.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void the_launchd_agent_is_a_valid_plist_that_runs_watch_and_restarts_only_after_a_crash() throws Exception {
        Map<String, Element> dict = plist(LAUNCHD);
        assertEquals("dev.codeindex.watch", dict.get("Label").getTextContent());
        List<String> args = strings(dict.get("ProgramArguments"));
        assertTrue(args.get(0).endsWith("/bin/java") && args.contains("-jar") && args.contains("watch"), args.toString());
        assertTrue(args.get(args.indexOf("-jar") + 1).endsWith("/codeindex.jar"), args.toString());
        assertTrue(Long.parseLong(dict.get("ExitTimeOut").getTextContent()) > WatchCommand.SHUTDOWN_SECONDS);
        assertTrue(dict.get("EnvironmentVariables").getTextContent().contains("UTF-8"));
        Map<String, Element> keepAlive = new LinkedHashMap<>();
        NodeList kids = dict.get("KeepAlive").getChildNodes();
        String key = null;
        for (int i = 0; i < kids.getLength(); i++) {
            if (kids.item(i) instanceof Element e) {
                if (e.getTagName().equals("key")) {
                    key = e.getTextContent();
                } else {
                    keepAlive.put(key, e);
                }
            }
        }
        assertEquals(List.of("Crashed"), List.copyOf(keepAlive.keySet()),
                "restarts after a crash only: an exit with a code (bad config: 2) is not retried every 10 s");
        assertEquals("true", keepAlive.get("Crashed").getTagName());
    }
}
