package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The service units must agree with what the daemon does on SIGTERM, and be valid files. */
class ServiceUnitsTest {
    static final Path SYSTEMD = Path.of("systemd/codeindex.service");
    static final Path LAUNCHD = Path.of("launchd/dev.codeindex.watch.plist");

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
    void the_systemd_unit_runs_watch_and_gives_the_clean_stop_enough_time() throws Exception {
        Map<String, List<String>> u = unit(SYSTEMD);
        assertTrue(u.get("ExecStart").get(0).contains("bin/codeindex watch"), u.get("ExecStart").toString());
        assertEquals(List.of("SIGTERM"), u.get("KillSignal"));
        assertTrue(Long.parseLong(u.get("TimeoutStopSec").get(0)) > WatchCommand.SHUTDOWN_SECONDS);
        assertEquals(List.of("143"), u.get("SuccessExitStatus"));
        assertTrue(u.get("Environment").contains("LANG=C.UTF-8"));
        assertTrue(u.get("RestartPreventExitStatus").get(0).contains("2"), "bad config must not restart in a loop");
    }

    @Test
    void systemd_accepts_the_unit_when_systemd_analyze_is_available(@TempDir Path tmp) throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(analyze), "no systemd-analyze here");
        Path copy = tmp.resolve("codeindex.service");
        // point ExecStart at an executable that exists here, keep everything else
        Files.writeString(copy, Files.readString(SYSTEMD).replaceAll("(?m)^ExecStart=\\S+", "ExecStart=/bin/true"));
        Process p = new ProcessBuilder(analyze.toString(), "verify", copy.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void the_launchd_agent_is_a_valid_plist_that_runs_watch_and_waits_for_the_clean_stop() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(LAUNCHD.toFile());
        Map<String, Node> dict = new LinkedHashMap<>();
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
        assertEquals("dev.codeindex.watch", dict.get("Label").getTextContent());
        String args = dict.get("ProgramArguments").getTextContent();
        assertTrue(args.contains("bin/codeindex") && args.contains("watch"), args);
        assertTrue(Long.parseLong(dict.get("ExitTimeOut").getTextContent()) > WatchCommand.SHUTDOWN_SECONDS);
        assertTrue(dict.get("EnvironmentVariables").getTextContent().contains("UTF-8"));
        Matcher m = Pattern.compile("SuccessfulExit\\s*").matcher(dict.get("KeepAlive").getTextContent());
        assertTrue(m.find(), "restarts after a crash only");
    }
}
