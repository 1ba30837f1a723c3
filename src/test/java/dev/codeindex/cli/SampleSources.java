package dev.codeindex.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Small source files with distinct meanings, written into a test tree for semantic index and search tests. */
final class SampleSources {
    /** A Java class with two documented methods (circle area, distance of two points). */
    static final String GEOMETRY_JAVA = """
            class Geometry {
                /** Area of a circle from its radius. */
                double circleArea(double radius) {
                    return Math.PI * radius * radius;
                }

                /** Distance between two points in the plane. */
                double distance(double x1, double y1, double x2, double y2) {
                    return Math.hypot(x2 - x1, y2 - y1);
                }
            }
            """;

    /** A Python function that opens a TCP connection with retries. */
    static final String NET_PY = """
            import socket

            def open_connection(host, port):
                \"\"\"Connect a TCP socket to the server, retrying three times.\"\"\"
                for attempt in range(3):
                    try:
                        return socket.create_connection((host, port), timeout=5)
                    except OSError:
                        continue
                raise ConnectionError(host)
            """;

    /** A Python function that loads a JSON settings file and rejects unknown keys. */
    static final String SETTINGS_PY = """
            import json

            def load_settings(path):
                \"\"\"Read the JSON configuration file and complain about keys we do not know.\"\"\"
                with open(path) as f:
                    values = json.load(f)
                for key in values:
                    if key not in KNOWN_KEYS:
                        raise ValueError("unknown configuration key: " + key)
                return values
            """;

    private static final Map<String, String> BY_NAME = Map.of("Geometry.java", GEOMETRY_JAVA, "net.py", NET_PY, "settings.py", SETTINGS_PY);

    private SampleSources() {}

    /** Writes the sample named {@code name} (e.g. "Geometry.java") into {@code root}. */
    static void write(Path root, String name) throws IOException {
        String text = BY_NAME.get(name);
        if (text == null) {
            throw new IllegalArgumentException("no sample named " + name + "; there are " + BY_NAME.keySet());
        }
        Files.writeString(root.resolve(name), text);
    }
}
