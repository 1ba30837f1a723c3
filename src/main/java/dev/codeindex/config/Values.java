package dev.codeindex.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Typed, validated reads of raw config strings; every error names the key and what is allowed. */
final class Values {
    private final Map<Key, String> raw;
    private final Map<Key, String> origin;

    /** @param origin where each value came from: the command line, env NAME, a config file, the default */
    Values(Map<Key, String> raw, Map<Key, String> origin) {
        this.raw = raw;
        this.origin = origin;
    }

    int integer(Key k, int min, int max) {
        return (int) longValue(k, min, max);
    }

    long longValue(Key k, long min, long max) {
        String s = raw.get(k).trim().replace("_", "").replace(",", "");
        try {
            long v = Long.parseLong(s);
            if (v < min || v > max) {
                throw bad(k, "an integer from " + min + " to " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(k, "an integer from " + min + " to " + max);
        }
    }

    long size(Key k, long min, long max) {
        long v = Sizes.parse(raw.get(k));
        if (v < min || v > max) {
            throw bad(k, "a size from " + Sizes.format(min) + " to " + Sizes.format(max) + " such as 512KB or 5MB");
        }
        return v;
    }

    Duration duration(Key k, Duration min, Duration max) {
        Duration d = Durations.parse(raw.get(k));
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw bad(k, "a duration from " + Durations.format(min) + " to " + Durations.format(max)
                    + " such as 30s, 500ms or 2m");
        }
        return d;
    }

    /** Empty, or a name every store takes as it is: letters, digits, '.', '_' and '-', at most {@code max} long. */
    String name(Key k, int max) {
        String s = raw.get(k).trim();
        if (s.length() > max || !s.matches("[A-Za-z0-9._-]*") || s.equals(".") || s.equals("..")) {
            throw bad(k, "a name of letters, digits, '.', '_' and '-', at most " + max + " characters");
        }
        return s;
    }

    /** The value as written, without surrounding blanks. */
    String text(Key k) {
        return raw.get(k).trim();
    }

    /** The value exactly as given, spaces kept (a prefix such as "search_query: " ends with one). */
    String verbatim(Key k) {
        return raw.get(k);
    }

    boolean bool(Key k) {
        String s = raw.get(k).trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw bad(k, "true or false");
        };
    }

    String oneOf(Key k, String... allowed) {
        String s = raw.get(k).trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(s)) {
                return a;
            }
        }
        throw bad(k, "one of " + String.join(", ", allowed));
    }

    String url(Key k, String example) {
        String s = raw.get(k).trim();
        try {
            URI u = URI.create(s);
            if (u.getHost() == null || !(s.startsWith("http://") || s.startsWith("https://"))) {
                throw bad(k, "an http:// or https:// URL with a host, such as " + example);
            }
            return s;
        } catch (IllegalArgumentException e) {
            throw bad(k, "an http:// or https:// URL with a host, such as " + example);
        }
    }

    /** A URL that paths are appended to: as {@link #url}, without a query or fragment. */
    String baseUrl(Key k, String example) {
        String s = url(k, example);
        URI u = URI.create(s);
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw bad(k, "an http:// or https:// URL with a host and no query or fragment, such as " + example);
        }
        return s;
    }

    /** A list given as YAML sequence or one item per line (env, flag): for items that may hold commas, like regexes. */
    List<String> lines(Key k) {
        List<String> out = new ArrayList<>();
        for (String part : raw.get(k).split("\n")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** A list given as YAML sequence (stored newline-separated) or as a comma-separated env/flag value. */
    List<String> list(Key k) {
        List<String> out = new ArrayList<>();
        String s = raw.get(k);
        for (String part : s.split(s.contains("\n") ? "\n" : ",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private ConfigException bad(Key k, String allowed) {
        return new ConfigException("invalid value '" + raw.get(k) + "' for config key " + k.path() + " (from "
                + origin.getOrDefault(k, "env " + k.envName()) + "): expected " + allowed);
    }
}
