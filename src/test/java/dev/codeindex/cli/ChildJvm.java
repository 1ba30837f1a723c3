package dev.codeindex.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM that runs {@code codeindex} from the test classpath, for the tests
 * that kill, signal or outlive a process. Children run on the client compiler only
 * ({@code -XX:TieredStopAtLevel=1}, as the launcher's offline pass does): a child lives a few seconds,
 * in which the optimizing compiler's work would not pay for itself on the 2 cores the test suite has.
 * What a child does is the same either way. (The serial collector was tried as well and was slower for
 * the children that embed.) As the launcher, children let the JVM compile JavaParser's tokenizer, a
 * method above HotSpot's size limit for compiling ({@code -XX:-DontCompileHugeMethods}).
 */
final class ChildJvm {
    private ChildJvm() {}

    /** The {@code java} of the JVM running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java <options> -cp <test classpath> dev.codeindex.cli.Main <args>}. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(arguments(jvmOptions, args));
        return cmd;
    }

    /** {@link #command} without options of its own. */
    static List<String> command(String... args) {
        return command(List.of(), args);
    }

    /** What follows {@code java} in {@link #command}, for a launcher that takes the program apart (MCP's stdio client). */
    static List<String> arguments(List<String> jvmOptions, String... args) {
        List<String> out = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:-DontCompileHugeMethods"));
        out.addAll(jvmOptions);
        out.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        out.addAll(List.of(args));
        return out;
    }
}
