package dev.codeindex.util;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps JavaParser's code on HotSpot's quick compiler (C1), out of the optimising one (C2).
 *
 * <p>JavaParser's generated parser is hundreds of large methods. C2 spends 300–600 ms of CPU on each,
 * several times over as it recompiles them, about 20 s in all while a first index of JDK
 * {@code java.base} runs on 2 cores: a third of that pass's CPU, taken from the work itself, and
 * queued ahead of the Lucene code that a semantic pass needs compiled. The offline pass already runs
 * on C1 alone (the launcher's {@code -XX:TieredStopAtLevel=1}) and parses as fast; a daemon parses
 * only what changes. So JavaParser is compiled by C1 at its full optimisation, everything else as
 * before. Done by a compiler directive added through HotSpot's diagnostic command once a run has
 * parsed {@link #AFTER_FILES} Java files (C2 takes up a method only after thousands of calls, and a
 * short run should not pay the half second of JMX start-up the command costs), so it holds however
 * the JVM was launched (launcher, service unit, {@code java -jar}); a JVM without that command (not
 * HotSpot) runs as it would anyway.
 */
public final class ParserJit {
    private static final Logger log = LoggerFactory.getLogger(ParserJit.class);
    /** HotSpot compiler directive: no C2 for JavaParser's classes (they are then compiled by C1 alone). */
    static final String DIRECTIVE = "[{ match: \"com/github/javaparser/*.*\", c2: { Exclude: true } }]";

    /** Java files parsed before the directive is added. */
    static final int AFTER_FILES = 200;
    private static final AtomicLong PARSED = new AtomicLong();

    private ParserJit() {}

    /**
     * Counts a Java file parsed in this JVM; the {@link #AFTER_FILES}th adds the directive, once, on a
     * daemon thread: reaching the diagnostic command starts JMX, about half a second of CPU, which is
     * not worth waiting for.
     */
    public static void javaFileParsed() {
        if (PARSED.incrementAndGet() == AFTER_FILES) {
            Thread t = new Thread(ParserJit::apply, "jit-directive");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Adds the directive; false when this JVM cannot take it (logged, nothing else changes). */
    public static boolean apply() {
        Path file = null;
        try {
            file = Files.createTempFile("codeindex-jit", ".json");
            Files.writeString(file, DIRECTIVE, StandardCharsets.UTF_8);
            Object said = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            log.debug("compiler directive for JavaParser: {}", String.valueOf(said).strip());
            return String.valueOf(said).contains("1 compiler directives added");
        } catch (Exception | LinkageError e) {
            log.debug("JavaParser stays with the JVM's own compiler choices: {}", e.toString());
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException e) {
                    log.debug("cannot delete {}: {}", file, e.toString());
                }
            }
        }
    }
}
