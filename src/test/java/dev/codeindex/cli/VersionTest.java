package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code codeindex --version}: the pom's version and the commit of the checkout it was built from. */
class VersionTest {
    static String pomVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        // the project's own version: the first <version> after its <artifactId>, before any <properties>
        Matcher m = Pattern.compile("<artifactId>codeindex</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "pom.xml names the project's version");
        return m.group(1);
    }

    /** The checkout's HEAD, or null when git or the checkout is not there (a source archive). */
    static String gitHead() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void version_prints_the_poms_version_and_the_commit_built_from() throws Exception {
        CliRunner.Result r = CliRunner.run("--version");
        assertEquals(0, r.exit(), r.err());
        String line = r.out().trim();
        Matcher m = Pattern.compile("codeindex (\\S+) \\(([0-9a-f]{7,}|unknown)\\)").matcher(line);
        assertTrue(m.matches(), "version line: " + line);
        assertEquals(pomVersion(), m.group(1));
        String head = gitHead();
        if (head != null) {
            assertTrue(head.startsWith(m.group(2)), "commit " + m.group(2) + " is HEAD " + head);
        } else {
            assertEquals("unknown", m.group(2));
        }
        assertEquals(Version.get() + " (" + Version.commit() + ")", Version.describe());
    }
}
