package dev.codeindex.walk;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.Locale;

/**
 * Language and binary detection from a file's name and its first bytes.
 *
 * <p>Language ids are lower case and stable (other stages dispatch on them): {@code java},
 * {@code python}, {@code javascript}, {@code typescript}, {@code tsx}, {@code go}, {@code rust},
 * {@code c}, {@code cpp}, and the others of {@code LanguageTable}. Detection order: exact file
 * name ({@code Makefile}, {@code Dockerfile}, {@code CMakeLists.txt}, {@code BUILD}), extension,
 * file-name prefix ({@code Makefile.am}, {@code Kconfig.debug}), shebang line, else
 * {@code "text"}. A {@code .h} header is {@code c} unless its first bytes show C++ (a
 * {@code namespace}, {@code template}, {@code std::}, access specifiers or an extension-less
 * standard include such as {@code <vector>}).
 *
 * <p>Stateless and thread-safe; never throws for any input, a null or short {@code head} included.
 */
public final class Languages {
    /** How many leading bytes {@link #looksBinary} inspects (8 KB; git reads 8000). */
    public static final int BINARY_PROBE_BYTES = 8192;

    private static final int SHEBANG_MAX = 256;

    /** Every id {@link #detect} may return, sorted: what a search may be narrowed to. */
    public static final java.util.SortedSet<String> IDS;

    static {
        java.util.SortedSet<String> ids = new java.util.TreeSet<>();
        ids.addAll(LanguageTable.BY_NAME.values());
        ids.addAll(LanguageTable.BY_NAME_PREFIX.values());
        ids.addAll(LanguageTable.BY_EXTENSION_CASED.values());
        ids.addAll(LanguageTable.BY_EXTENSION.values());
        ids.addAll(LanguageTable.BY_INTERPRETER.values());
        ids.add("cpp"); // a .h header that shows C++
        ids.add("text");
        IDS = java.util.Collections.unmodifiableSortedSet(ids);
    }

    private Languages() {}

    /** Names people give languages that are not an id or a file extension. */
    private static final java.util.Map<String, String> ALIASES = java.util.Map.of("golang", "go", "c++", "cpp",
            "c#", "csharp", "f#", "fsharp", "node", "javascript", "bash", "shell", "js/ts", "typescript");

    /**
     * The id a person or an agent means by {@code given}: an id ({@code python}, any case), a file extension
     * ({@code py}, {@code rs}, {@code ts}) or a common name ({@code golang}, {@code c++}); null when none.
     */
    public static String id(String given) {
        String l = given.strip().toLowerCase(java.util.Locale.ROOT);
        if (l.startsWith(".")) {
            l = l.substring(1);
        }
        if (IDS.contains(l)) {
            return l;
        }
        String byExtension = LanguageTable.BY_EXTENSION.get(l);
        return byExtension != null ? byExtension : ALIASES.get(l);
    }

    /**
     * The language of {@code relPath}.
     *
     * @param relPath '/'-separated path; only the file name is used
     * @param head    the file's first bytes, or null when not read
     * @param headLen how many bytes of {@code head} are valid
     */
    public static String detect(String relPath, byte[] head, int headLen) {
        String name = relPath.substring(relPath.lastIndexOf('/') + 1);
        int len = head == null ? 0 : Math.max(0, Math.min(headLen, head.length));
        String lang = LanguageTable.BY_NAME.get(name);
        if (lang != null) {
            return lang;
        }
        String ext = extension(name);
        if (ext != null) {
            lang = LanguageTable.BY_EXTENSION_CASED.get(ext);
            if (lang == null) {
                lang = LanguageTable.BY_EXTENSION.get(ext.toLowerCase(Locale.ROOT));
            }
            if (lang != null) {
                return lang.equals("c") && ext.equalsIgnoreCase("h") && CppHeaderSniffer.looksLikeCpp(head, len)
                        ? "cpp" : lang;
            }
            int dot = name.indexOf('.');
            lang = dot > 0 ? LanguageTable.BY_NAME_PREFIX.get(name.substring(0, dot)) : null;
            if (lang != null) {
                return lang;
            }
        }
        lang = fromShebang(head, len);
        return lang != null ? lang : "text";
    }

    /** Whether the name alone says the file is binary (images, archives, object code…). */
    public static boolean isBinaryName(String relPath) {
        String ext = extension(relPath.substring(relPath.lastIndexOf('/') + 1));
        return ext != null && LanguageTable.BINARY_EXTENSIONS.contains(ext.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether content starting with {@code head} is binary: a NUL byte among the first
     * {@link #BINARY_PROBE_BYTES}, or more than one byte in 33 of them a control character that text
     * does not hold. Tab, line breaks, form feed, ESC (colours in logs), backspace (nroff's overstrike in
     * formatted man pages) and shift out/in (ISO-2022 text) are text; random bytes hold the others at
     * about one in eleven. Binary data without a NUL would otherwise be indexed as the language its name
     * says, and fill result lists.
     * UTF-16 text counts as binary, as it does for git.
     */
    public static boolean looksBinary(byte[] head, int len) {
        if (head == null) {
            return false;
        }
        int n = Math.min(Math.min(len, head.length), BINARY_PROBE_BYTES);
        int controls = 0;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                return true;
            }
            if ((b < 0x20 && b != '\t' && b != '\n' && b != 0x0B && b != '\f' && b != '\r' && b != 0x1B && b != 0x08
                    && b != 0x0E && b != 0x0F) || b == 0x7F) {
                controls++;
            }
        }
        return n >= 32 && controls * 33 > n;
    }

    /** The text after the last dot, or null for none or a dot-file such as {@code .bashrc}. */
    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? null : name.substring(dot + 1);
    }

    /** {@code #!/usr/bin/env -S python3 -u} → python; null when there is no known shebang. */
    static String fromShebang(byte[] head, int len) {
        if (len < 3 || head[0] != '#' || head[1] != '!') {
            return null;
        }
        int end = 2;
        int max = Math.min(len, SHEBANG_MAX);
        while (end < max && head[end] != '\n' && head[end] != '\r') {
            end++;
        }
        String[] words = new String(head, 2, end - 2, ISO_8859_1).trim().split("[ \t]+");
        int i = 0;
        if (i < words.length && baseName(words[i]).equals("env")) {
            i++;
            while (i < words.length && (words[i].startsWith("-") || words[i].indexOf('=') > 0)) {
                i++; // env options (-S, -i) and VAR=value assignments
            }
        }
        if (i >= words.length || words[i].isEmpty()) {
            return null;
        }
        return LanguageTable.BY_INTERPRETER.get(stripVersion(baseName(words[i]).toLowerCase(Locale.ROOT)));
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** python3.11 → python, perl5 → perl; a name that is all digits stays as it is. */
    private static String stripVersion(String program) {
        int end = program.length();
        while (end > 0 && (Character.isDigit(program.charAt(end - 1)) || program.charAt(end - 1) == '.')) {
            end--;
        }
        return end == 0 ? program : program.substring(0, end);
    }
}
