package dev.codeindex.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders the files a service consists of from the templates in this package's resources (the one
 * source of the units: the shipped examples in systemd/ and launchd/ are these templates rendered
 * for {@link #exampleUser} and {@link #exampleSystem}, and a test keeps them equal).
 */
public final class ServiceTemplates {
    static final String USER_UNIT = "codeindex.user.service";
    static final String SYSTEM_UNIT = "codeindex.system.service";
    static final String PLIST = "dev.codeindex.watch.plist";
    static final String SYSUSERS = "codeindex.sysusers";
    static final String CONFIG = "codeindex.yaml";
    /** Java's vector module: the vector graph's dot products in SIMD lanes (see store/lucene/VectorDot). */
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Characters an argument of a unit's command line may hold without quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9/._+:@=,-]+");

    private ServiceTemplates() {}

    /** The files of the service, unit (or plist) first, each with its text. The config and jar are not among them. */
    public static Map<Path, String> render(ServiceLayout l) {
        Map<Path, String> out = new LinkedHashMap<>();
        if (l.platform() == Platform.LAUNCHD) {
            out.put(l.unitFile(), fill(resource(PLIST), Map.of(
                    "JAVA", xml(l.javaBin()), "JAR", xml(l.jar()), "CONFIG", xml(l.configFile()),
                    "DATA_DIR", xml(l.dataDir()), "LOG", xml(l.logFile()),
                    "VECTOR", hasVectorModule(l.javaBin())
                            ? "    <string>--add-modules</string>\n    <string>" + VECTOR_MODULE + "</string>\n" : "")));
            return out;
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("JAVA", arg(l.javaBin()));
        values.put("VECTOR", hasVectorModule(l.javaBin()) ? " --add-modules " + VECTOR_MODULE : "");
        values.put("JAR", arg(l.jar()));
        values.put("CONFIG", arg(l.configFile()));
        values.put("DATA_DIR", arg(l.dataDir()));
        values.put("ENV_FILE", specifiers(l.envFile().toString()));
        if (l.system()) {
            values.put("USER", l.user());
            values.put("HOME_ENV", arg("HOME=" + l.dataDir()));
            values.put("STATE_DIRECTORY", stateDirectory(l));
            out.put(l.unitFile(), fill(resource(SYSTEM_UNIT), values));
            out.put(l.sysusersFile(), fill(resource(SYSUSERS), Map.of("USER", l.user(),
                    "DATA_DIR", l.dataDir().toString())));
        } else {
            out.put(l.unitFile(), fill(resource(USER_UNIT), values));
        }
        return out;
    }

    /**
     * Whether the service's Java has the vector module the daemon builds its vector graph faster with
     * ({@code --add-modules} of a module the runtime lacks would keep the JVM from starting). Read
     * from the runtime's {@code release} file; a Java whose file cannot be read (not installed on
     * this machine yet, as for the shipped examples) is taken to be a full JDK, which has it.
     */
    static boolean hasVectorModule(Path javaBin) {
        Path bin = javaBin.toAbsolutePath().getParent();
        Path release = bin == null || bin.getParent() == null ? null : bin.getParent().resolve("release");
        try {
            Path real = javaBin.toRealPath();
            if (real.getParent() != null && real.getParent().getParent() != null) {
                release = real.getParent().getParent().resolve("release");
            }
        } catch (IOException e) {
            // not there (yet): the path as given
        }
        if (release == null || !Files.isReadable(release)) {
            return true;
        }
        try {
            return Files.readString(release, StandardCharsets.ISO_8859_1).contains(VECTOR_MODULE);
        } catch (IOException e) {
            return true;
        }
    }

    /** The config a new install starts from: the shipped config/codeindex.yaml. */
    public static String configTemplate() {
        return resource(CONFIG);
    }

    /** The layout the shipped systemd/codeindex.service and launchd plist are rendered for. */
    public static ServiceLayout exampleUser(Platform platform) {
        return ServiceLayout.resolve(platform, false, Map.of("HOME", platform == Platform.LAUNCHD ? "/Users/you"
                : "/home/you"), ServiceLayout.Overrides.NONE, exampleJava(platform), null);
    }

    /** The layout the shipped systemd/codeindex-system.service is rendered for. */
    public static ServiceLayout exampleSystem() {
        return ServiceLayout.resolve(Platform.SYSTEMD, true, Map.of("HOME", "/root"), ServiceLayout.Overrides.NONE,
                exampleJava(Platform.SYSTEMD), null);
    }

    private static Path exampleJava(Platform platform) {
        return Path.of(platform == Platform.LAUNCHD ? "/opt/homebrew/opt/openjdk@17/bin/java"
                : "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    }

    /** systemd creates and hands over a data directory under /var/lib itself; elsewhere install creates it. */
    private static String stateDirectory(ServiceLayout l) {
        Path varLib = Path.of("/var/lib");
        if (l.dataDir().startsWith(varLib) && !l.dataDir().equals(varLib)) {
            return "# systemd creates the data directory, owned by " + l.user() + ".\nStateDirectory="
                    + specifiers(varLib.relativize(l.dataDir()).toString()) + "\nStateDirectoryMode=0700";
        }
        return "# The data directory is not under /var/lib: it must exist and be writable by " + l.user() + ".";
    }

    static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        int left = out.indexOf("{{");
        if (left >= 0) {
            throw new IllegalStateException("template value missing: " + out.substring(left, out.indexOf("}}", left) + 2));
        }
        return out;
    }

    /** One argument of a unit's command line: quoted when it needs to be, specifiers and variables escaped. */
    static String arg(Path p) {
        return arg(p.toString());
    }

    static String arg(String s) {
        if (PLAIN.matcher(s).matches()) {
            return s;
        }
        return '"' + specifiers(s).replace("$", "$$").replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A value in a unit, its '%' not taken for a specifier. */
    static String specifiers(String s) {
        return s.replace("%", "%%");
    }

    static String xml(Path p) {
        return p.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String resource(String name) {
        try (InputStream in = ServiceTemplates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/codeindex/service/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
