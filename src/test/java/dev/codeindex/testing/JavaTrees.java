package dev.codeindex.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small Java trees written into a test's temp directory. */
public final class JavaTrees {
    private JavaTrees() {}

    /**
     * Writes {@code files} files {@code C00.java}, {@code C01.java}… under {@code root}, each a class
     * {@code Ci} of {@code methods} one-line methods whose names and bodies no other file repeats.
     */
    public static void classes(Path root, int files, int methods) throws IOException {
        for (int i = 0; i < files; i++) {
            StringBuilder src = new StringBuilder("package pkg;\nclass C" + i + " {\n");
            for (int k = 0; k < methods; k++) {
                src.append("    int m").append(k).append("_").append(i).append("() { return ").append(i * 10 + k)
                        .append("; }\n");
            }
            Files.writeString(root.resolve(String.format("C%02d.java", i)), src.append("}\n").toString());
        }
    }
}
