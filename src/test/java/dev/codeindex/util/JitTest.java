package dev.codeindex.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The directives reach HotSpot: its own list of compiler directives, read back, shows what is asked. */
class JitTest {
    private static String jvmDirectives() throws Exception {
        return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                new Object[] {new String[0]}, new String[] {String[].class.getName()}));
    }

    @Test
    void a_structural_pass_keeps_libraries_from_c2_until_it_ends_and_javaparser_stays_excluded() throws Exception {
        Jit.Pass pass = Jit.structuralPass();
        Jit.settle();
        String during = jvmDirectives();
        assertTrue(during.contains("org/*.*") && during.contains("dev/*.*"), during);
        assertFalse(during.contains("java/*"), "the JDK's own classes keep C2: " + during);

        Jit.keepParserFromC2(); // asked while the pass runs: on top of the pass's directive
        Jit.Pass overlapping = Jit.structuralPass(); // a second root's pass
        pass.close();
        Jit.settle();
        assertTrue(jvmDirectives().contains("org/*.*"), "the second pass still runs");

        overlapping.close();
        overlapping.close(); // harmless
        Jit.settle();
        String after = jvmDirectives();
        assertFalse(after.contains("org/*.*"), after);
        assertTrue(after.contains("com/github/javaparser/"), after);
    }
}
