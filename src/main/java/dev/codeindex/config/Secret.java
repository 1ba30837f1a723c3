package dev.codeindex.config;

/**
 * A credential from the environment. Its {@link #toString()} never shows it, so a {@link Config} can
 * be logged or printed whole; only the adapter that sends it calls {@link #value()}.
 *
 * @param value the secret, or null when none is set (blank counts as none)
 */
public record Secret(String value) {
    public static final Secret NONE = new Secret(null);

    public Secret {
        value = value == null || value.isBlank() ? null : value;
    }

    public boolean isSet() {
        return value != null;
    }

    @Override
    public String toString() {
        return value == null ? "(none)" : "****";
    }
}
