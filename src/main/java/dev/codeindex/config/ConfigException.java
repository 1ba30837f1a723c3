package dev.codeindex.config;

/** Invalid configuration: the message names the key, what was given and what is allowed (exit code 2). */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
