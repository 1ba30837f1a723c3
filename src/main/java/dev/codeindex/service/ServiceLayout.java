package dev.codeindex.service;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where one installed service lives: its unit (or plist), the config it reads, the jar it runs, its
 * data directory. Built by {@link #resolve} from the environment, with every directory overridable
 * (tests install into temp directories; a person may want another place).
 *
 * @param unitFile     the systemd unit or the launchd plist
 * @param configFile   the config the service reads (its {@code roots:} are what it watches)
 * @param envFile      the optional environment file for secrets (systemd only; never written by install)
 * @param libDir       where install copies the jar, and keeps its record of what it wrote
 * @param javaBin      the java binary the service runs
 * @param dataDir      the data directory the service writes
 * @param logFile      launchd's log file; null under systemd (the journal)
 * @param sysusersFile the sysusers.d file that declares the service's user; null but for a system unit
 * @param user         the system unit's user; null for a user service
 */
public record ServiceLayout(Platform platform, boolean system, Path unitFile, Path configFile, Path envFile,
                            Path libDir, Path javaBin, Path dataDir, Path logFile, Path sysusersFile, String user) {
    public static final String UNIT_NAME = "codeindex.service";
    public static final String LABEL = "dev.codeindex.watch";
    public static final String DEFAULT_USER = "codeindex";

    /** Directories that replace the defaults; any may be null (the default then). */
    public record Overrides(Path home, Path unitDir, Path configDir, Path libDir, Path sysusersDir, Path dataDir) {
        public static final Overrides NONE = new Overrides(null, null, null, null, null, null);
    }

    /** The jar the service runs: install's copy, never the build output. */
    public Path jar() {
        return libDir.resolve("codeindex.jar");
    }

    /** What install wrote, for uninstall. */
    public Path recordFile() {
        return libDir.resolve("installed.txt");
    }

    /**
     * The layout for {@code platform}. {@code env} is the process environment ({@code HOME},
     * {@code XDG_CONFIG_HOME}, {@code XDG_DATA_HOME}, {@code XDG_STATE_HOME}); with {@code o.home()}
     * set, the XDG variables are ignored and everything follows from that home.
     *
     * @throws IllegalArgumentException for a system launchd service (launchd agents are per user here)
     */
    public static ServiceLayout resolve(Platform platform, boolean system, Map<String, String> env, Overrides o,
                                        Path javaBin, String user) {
        Path home = o.home() != null ? o.home() : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        Map<String, String> xdg = o.home() != null ? Map.of() : env;
        Path configHome = dir(xdg, "XDG_CONFIG_HOME", home.resolve(".config"));
        Path dataHome = dir(xdg, "XDG_DATA_HOME", home.resolve(".local/share"));
        Path stateHome = dir(xdg, "XDG_STATE_HOME", home.resolve(".local/state"));
        if (platform == Platform.LAUNCHD) {
            if (system) {
                throw new IllegalArgumentException("--system is for systemd; on macOS codeindex installs a launchd agent"
                        + " for your user: run codeindex service install without --system");
            }
            Path configDir = or(o.configDir(), configHome.resolve("codeindex"));
            return new ServiceLayout(platform, false,
                    or(o.unitDir(), home.resolve("Library/LaunchAgents")).resolve(LABEL + ".plist"),
                    configDir.resolve("codeindex.yaml"), configDir.resolve("env"),
                    or(o.libDir(), dataHome.resolve("codeindex")), javaBin,
                    or(o.dataDir(), stateHome.resolve("codeindex")), home.resolve("Library/Logs/codeindex.log"),
                    null, null);
        }
        if (system) {
            Path configDir = or(o.configDir(), Path.of("/etc/codeindex"));
            return new ServiceLayout(platform, true,
                    or(o.unitDir(), Path.of("/etc/systemd/system")).resolve(UNIT_NAME),
                    configDir.resolve("codeindex.yaml"), configDir.resolve("env"),
                    or(o.libDir(), Path.of("/usr/local/lib/codeindex")), javaBin,
                    or(o.dataDir(), Path.of("/var/lib/codeindex")), null,
                    or(o.sysusersDir(), Path.of("/etc/sysusers.d")).resolve("codeindex.conf"),
                    user == null ? DEFAULT_USER : user);
        }
        Path configDir = or(o.configDir(), configHome.resolve("codeindex"));
        return new ServiceLayout(platform, false,
                or(o.unitDir(), configHome.resolve("systemd/user")).resolve(UNIT_NAME),
                configDir.resolve("codeindex.yaml"), configDir.resolve("env"),
                or(o.libDir(), dataHome.resolve("codeindex")), javaBin,
                or(o.dataDir(), stateHome.resolve("codeindex")), null, null, null);
    }

    private static Path dir(Map<String, String> env, String name, Path otherwise) {
        String v = env.get(name);
        return v == null || v.isBlank() || !Path.of(v).isAbsolute() ? otherwise : Path.of(v);
    }

    private static Path or(Path p, Path otherwise) {
        return p != null ? p.toAbsolutePath().normalize() : otherwise;
    }

    /** A copy with another data directory (the config's {@code dataDir}, when it sets one). */
    public ServiceLayout withDataDir(Path dir) {
        return new ServiceLayout(platform, system, unitFile, configFile, envFile, libDir, javaBin, dir, logFile,
                sysusersFile, user);
    }
}
