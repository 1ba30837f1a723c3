package dev.codeindex.util;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** On HotSpot the directive is taken: the JVM's own list of compiler directives then names JavaParser. */
class ParserJitTest {
    @Test
    void javaparser_is_kept_from_the_optimising_compiler() throws Exception {
        assertTrue(ParserJit.apply(), "HotSpot takes the directive");
        String directives = String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                new Object[] {new String[0]}, new String[] {String[].class.getName()}));
        assertTrue(directives.contains("com/github/javaparser/"), directives);
    }
}
