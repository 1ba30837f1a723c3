package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options {@code bin/codeindex} starts each command with. The launcher runs from a copy in a
 * checkout of its own, with a jar and nothing newer, so it neither builds nor touches this build's
 * {@code target/}; a {@code java} of the test's own, first on the PATH, prints the arguments it was
 * given instead of running anything, and its runtime's {@code release} file lists the vector module,
 * as a full JDK's does.
 */
class LauncherIT {
    @TempDir
    Path jdk;
    @TempDir
    Path checkout;
    @TempDir
    Path root;
    Path launcher;

    @BeforeEach
    void fakeJavaAndCheckout() throws Exception {
        launcher = Files.createDirectories(checkout.resolve("bin")).resolve("codeindex");
        Files.copy(Path.of("bin", "codeindex"), launcher);
        Files.writeString(Files.createDirectories(checkout.resolve("target")).resolve("codeindex.jar"), "not run");
        Path bin = Files.createDirectories(jdk.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17\"\nMODULES=\"java.base jdk.incubator.vector\"\n");
    }

    /** The arguments the launcher gave java for {@code args}, with CODEINDEX_JAVA_OPTS as given (null: unset). */
    List<String> javaArgs(String javaOpts, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = pb.environment();
        env.put("PATH", jdk.resolve("bin") + ":" + env.get("PATH"));
        env.remove("CODEINDEX_JAVA_OPTS");
        env.remove("CODEINDEX_SIMD");
        if (javaOpts != null) {
            env.put("CODEINDEX_JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS); // a few lines of output: the pipe holds them
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "the launcher did not end");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    /** The options before {@code -jar}, and checks what follows it: the jar, then the command's own arguments. */
    List<String> options(List<String> javaArgs, String... args) {
        int jar = javaArgs.indexOf("-jar");
        assertTrue(jar > 0, "java runs the jar: " + javaArgs);
        assertEquals(checkout.resolve("target/codeindex.jar").toString(), javaArgs.get(jar + 1));
        assertEquals(List.of(args), javaArgs.subList(jar + 2, javaArgs.size()));
        return javaArgs.subList(0, jar);
    }

    @Test
    void every_command_lets_the_jit_compile_javaparsers_tokenizer() throws Exception {
        for (String[] args : List.of(new String[] {"index", "--offline", root.toString()},
                new String[] {"index", root.toString()}, new String[] {"watch", root.toString()},
                new String[] {"mcp", root.toString()}, new String[] {"search", "parse"})) {
            List<String> options = options(javaArgs(null, args), args);
            assertTrue(options.contains("-XX:-DontCompileHugeMethods"),
                    "JavaParser's token manager (8,246 bytes of bytecode) would run interpreted: " + options);
            assertTrue(options.contains("-Xmx512m"), "the heap is bounded by default: " + options);
        }
    }

    @Test
    void an_offline_index_runs_on_c1_alone_and_a_semantic_one_gets_the_vector_module() throws Exception {
        List<String> offline = options(javaArgs(null, "index", "--offline", root.toString()),
                "index", "--offline", root.toString());
        assertTrue(offline.contains("-XX:TieredStopAtLevel=1"), offline.toString());
        assertFalse(offline.contains("--add-modules"), offline.toString());

        List<String> semantic = options(javaArgs(null, "index", root.toString()), "index", root.toString());
        assertFalse(semantic.contains("-XX:TieredStopAtLevel=1"), semantic.toString());
        int add = semantic.indexOf("--add-modules");
        assertTrue(add >= 0 && semantic.get(add + 1).equals("jdk.incubator.vector"), semantic.toString());

        List<String> watch = options(javaArgs(null, "watch", root.toString()), "watch", root.toString());
        assertTrue(watch.contains("-XX:G1PeriodicGCInterval=60000"), watch.toString());
        assertTrue(watch.contains("--add-modules"), watch.toString());
    }

    @Test
    void codeindex_java_opts_come_last_and_a_heap_option_there_replaces_the_default() throws Exception {
        List<String> options = options(javaArgs("-Xmx1g -XX:TieredStopAtLevel=4", "index", "--offline", root.toString()),
                "index", "--offline", root.toString());
        assertFalse(options.contains("-Xmx512m"), options.toString());
        assertEquals(List.of("-Xmx1g", "-XX:TieredStopAtLevel=4"), options.subList(options.size() - 2, options.size()));
        assertTrue(options.indexOf("-XX:TieredStopAtLevel=1") < options.indexOf("-XX:TieredStopAtLevel=4"), options.toString());
        assertTrue(options.indexOf("-XX:-DontCompileHugeMethods") < options.indexOf("-Xmx1g"),
                "CODEINDEX_JAVA_OPTS can turn it off again: " + options);
    }

    /** Without a UTF-8 locale the JVM cannot name a file with a UTF-8 name (a new-user trial): the launcher sets one. */
    @Test
    void a_locale_that_is_not_utf8_is_replaced_by_c_utf8_where_the_system_has_it() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "locale -a | grep -qiE '^c\\.utf-?8$'")
                .start().waitFor() == 0, "no C.UTF-8 locale on this system");
        Files.writeString(jdk.resolve("bin/java"), "#!/bin/sh\nprintf 'LC_ALL=%s\\n' \"${LC_ALL-}\"\n");
        for (String[] given : new String[][] {{"POSIX", "C.UTF-8"}, {"C", "C.UTF-8"}, {"C.UTF-8", "C.UTF-8"}}) {
            List<String> cmd = List.of("bash", launcher.toString(), "status");
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
            env.put("LC_ALL", given[0]);
            env.put("PATH", jdk.resolve("bin") + ":" + env.get("PATH"));
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals("LC_ALL=" + given[1], new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
                    "given " + given[0]);
        }
    }
}
