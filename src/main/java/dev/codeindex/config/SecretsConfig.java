package dev.codeindex.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the redactor does with credentials inside indexed files.
 *
 * @param enabled       whether chunk text is scanned and secrets replaced (default true)
 * @param extraPatterns rules of the user's own, after the built-in ones, each compiled
 * @param allow         matches of these are never redacted
 */
public record SecretsConfig(boolean enabled, List<NamedPattern> extraPatterns, List<Pattern> allow) {
    /** One extra rule: its name (in markers and logs) and its regex. */
    public record NamedPattern(String name, Pattern pattern) {}

    public SecretsConfig {
        extraPatterns = List.copyOf(extraPatterns);
        allow = List.copyOf(allow);
    }

    public static final SecretsConfig DEFAULT = new SecretsConfig(true, List.of(), List.of());
}
