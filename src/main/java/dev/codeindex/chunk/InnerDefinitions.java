package dev.codeindex.chunk;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a chunk defines inside itself: the helper functions a JavaScript function declares in its body
 * ({@code function ondirectory() {…}}, {@code const createSubscriber = (a, b) => …}), a Python
 * decorator's nested {@code def wrap}, a Rust function's inner {@code fn}, a Go closure bound with
 * {@code :=}. The parsers make regions of top-level definitions and members only, so without these a
 * look-up of such a name finds nothing by its symbol; the stores index them beside the chunk's own
 * symbol, and a look-up lists those chunks after every chunk that is the definition itself.
 *
 * <p>Read from the chunk's text with a pattern per language, not from the syntax tree: a name in a
 * string or a comment that looks like a definition is taken too (it costs a look-up one more hit).
 * Languages whose parser already makes a region of every named definition (Java, C) have none.
 */
public final class InnerDefinitions {
    /** At most this many names per chunk (a generated file can declare thousands). */
    public static final int MAX_NAMES = 32;
    private static final int MAX_NAME_CHARS = 100;

    private static final String JS_NAME = "([A-Za-z_$][\\w$]*)";
    /** {@code function name(}, {@code function* name(}, {@code class Name}. */
    private static final Pattern JS_DECLARATION = Pattern.compile(
            "\\b(?:function\\s*\\*?\\s*" + JS_NAME + "\\s*[(<]|class\\s+" + JS_NAME + "\\b)");
    /** {@code const name = function}, {@code let name = async (a, b) =>}, {@code var name = x =>}, typed or not. */
    private static final Pattern JS_BINDING = Pattern.compile(
            "\\b(?:const|let|var)\\s+" + JS_NAME + "\\s*(?::[^=;\\n]{1,200})?=\\s*(?:async\\s+)?"
                    + "(?:function\\b|\\([^()]{0,400}(?:\\([^()]{0,200}\\)[^()]{0,200}){0,16}\\)\\s*(?::[^=;{\\n]{1,200})?=>"
                    + "|[A-Za-z_$][\\w$]*\\s*=>)");
    private static final Pattern PYTHON = Pattern.compile("(?m)^[ \\t]*(?:async[ \\t]+)?(?:def|class)[ \\t]+([A-Za-z_]\\w*)");
    private static final Pattern RUST = Pattern.compile("\\bfn\\s+([A-Za-z_]\\w*)\\s*[<(]");
    private static final Pattern GO = Pattern.compile("\\b([A-Za-z_]\\w*)\\s*:=\\s*func\\b|\\bvar\\s+([A-Za-z_]\\w*)\\s*=\\s*func\\b");

    private InnerDefinitions() {}

    /**
     * Whether a look-up of {@code identifier} may match these names: only a name without dots, since a
     * helper nested in a body has no qualified form.
     */
    public static boolean mayName(String identifier) {
        return identifier.indexOf('.') < 0;
    }

    /**
     * The lower-cased names {@code text} defines, in order of appearance, without the chunk's own name
     * (the last part of {@code symbol}); empty for a language without patterns.
     *
     * @param language the chunk's language id ({@code javascript}, {@code typescript}, {@code python}, …)
     * @param symbol   the chunk's own symbol, possibly empty
     */
    public static Set<String> of(String language, String text, String symbol) {
        Set<String> out = new LinkedHashSet<>();
        if (language == null || text == null || text.isEmpty()) {
            return out;
        }
        String own = symbol == null ? "" : Symbols.lastPart(symbol).toLowerCase(Locale.ROOT);
        // each pattern needs a keyword: most chunks lack it, and a search for a literal is far cheaper
        switch (language) {
            case "javascript", "typescript" -> {
                boolean function = text.contains("function");
                if (function || text.contains("class")) {
                    collect(JS_DECLARATION, text, own, out);
                }
                if (function || text.contains("=>")) {
                    collect(JS_BINDING, text, own, out);
                }
            }
            case "python" -> {
                if (text.contains("def") || text.contains("class")) {
                    collect(PYTHON, text, own, out);
                }
            }
            case "rust" -> {
                if (text.contains("fn")) {
                    collect(RUST, text, own, out);
                }
            }
            case "go" -> {
                if (text.contains("func")) {
                    collect(GO, text, own, out);
                }
            }
            default -> { }
        }
        return out;
    }

    private static void collect(Pattern p, String text, String own, Set<String> out) {
        Matcher m = p.matcher(text);
        while (out.size() < MAX_NAMES && m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                String name = m.group(g);
                if (name != null && name.length() <= MAX_NAME_CHARS) {
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!lower.equals(own)) {
                        out.add(lower);
                    }
                }
            }
        }
    }
}
