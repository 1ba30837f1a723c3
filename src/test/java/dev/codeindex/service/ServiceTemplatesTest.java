package dev.codeindex.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector module goes on a service's command line only when its Java has it: an {@code --add-modules}
 * of a module the runtime lacks (a jlink image) would keep the daemon from starting at all.
 */
class ServiceTemplatesTest {
    @TempDir
    Path dir;

    @Test
    void the_vector_module_is_asked_for_only_when_the_services_java_lists_it() throws Exception {
        Path full = java("full", "MODULES=\"java.base java.logging jdk.incubator.vector jdk.zipfs\"\n");
        Path slim = java("slim", "MODULES=\"java.base java.logging\"\n");
        assertTrue(ServiceTemplates.hasVectorModule(full));
        assertFalse(ServiceTemplates.hasVectorModule(slim));
        assertTrue(ServiceTemplates.hasVectorModule(Path.of(System.getProperty("java.home"), "bin", "java")),
                "this build's own Java has it");
        for (Platform platform : Platform.values()) {
            assertTrue(unit(platform, full).contains("jdk.incubator.vector"), platform.toString());
            String without = unit(platform, slim);
            assertFalse(without.contains("jdk.incubator.vector") || without.contains("--add-modules"), without);
            assertTrue(without.contains("-XX:G1PeriodicGCInterval=60000"), without);
        }
    }

    private Path java(String name, String release) throws Exception {
        Path bin = Files.createDirectories(dir.resolve(name).resolve("bin"));
        Files.writeString(dir.resolve(name).resolve("release"), "JAVA_VERSION=\"17.0.13\"\n" + release);
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        return java;
    }

    private String unit(Platform platform, Path java) {
        ServiceLayout l = ServiceLayout.resolve(platform, false, Map.of("HOME", dir.resolve("home").toString()),
                ServiceLayout.Overrides.NONE, java, null);
        return ServiceTemplates.render(l).get(l.unitFile());
    }
}
