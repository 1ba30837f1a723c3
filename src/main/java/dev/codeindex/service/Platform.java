package dev.codeindex.service;

import java.util.Locale;

/** The service manager a service is written for. */
public enum Platform {
    /** Linux: a systemd unit, a user unit by default, a system unit with {@code --system}. */
    SYSTEMD,
    /** macOS: a launchd user agent. */
    LAUNCHD;

    /** The service manager of the machine this runs on. */
    public static Platform current() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") ? LAUNCHD : SYSTEMD;
    }

    /** Parses {@code systemd} or {@code launchd}; null for anything else. */
    public static Platform named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "systemd" -> SYSTEMD;
            case "launchd" -> LAUNCHD;
            default -> null;
        };
    }
}
