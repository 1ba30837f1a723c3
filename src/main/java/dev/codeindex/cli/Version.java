package dev.codeindex.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The version and commit the build wrote into {@code version.properties} (Maven filters the pom's
 * version and the git commit into it, in the jar and in the classes alike). "dev" and "unknown"
 * when the file is missing or was not filtered; "unknown" commit when built outside a git checkout.
 */
public final class Version implements CommandLine.IVersionProvider {
    private static final Properties BUILD = load();

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version file: the defaults below
        }
        return p;
    }

    private static String value(String key, String missing) {
        String v = BUILD.getProperty(key, "").trim();
        return v.isEmpty() || v.startsWith("${") ? missing : v;
    }

    /** The pom's version, e.g. {@code 0.1.0}. */
    public static String get() {
        return value("version", "dev");
    }

    /** The abbreviated git commit the build came from, or {@code unknown}. */
    public static String commit() {
        return value("commit", "unknown");
    }

    /** Version and commit, e.g. {@code 0.1.0 (abc1234)}: what {@code --version} and {@code /status} say. */
    public static String describe() {
        return get() + " (" + commit() + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"codeindex " + describe()};
    }
}
