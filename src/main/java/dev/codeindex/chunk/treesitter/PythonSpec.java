package dev.codeindex.chunk.treesitter;

import dev.codeindex.chunk.ParseFailure;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.treesitter.TSNode;
import org.treesitter.TreeSitterPython;

/**
 * Python, counted as Python's own {@code ast} module counts. Definitions only occur in statement
 * blocks, so the walk visits statements and the blocks of compound statements, and never enters
 * an expression (lambdas are expressions: not counted).
 *
 * <p>A file Python refuses counts nothing (ParseFailure): any ERROR or MISSING node, Python 2
 * {@code print x} / {@code exec x} statements, and encoding declarations Python rejects. Two
 * differences from tree-sitter are smoothed over: {@code print >> f, x} is a valid Python 3
 * expression, and {@code from __future__ import *} (an ERROR node here) parses in {@code ast}.
 */
final class PythonSpec extends Spec {
    /** PEP 263, as Python's tokenizer applies it: line 1, or line 2 after a comment-only or blank line 1. */
    private static final Pattern COOKIE = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");
    private static final Pattern FUTURE_STAR = Pattern.compile("from\\s+__future__\\s+import\\s+\\*");

    private final int printStatement;
    private final int chevron;

    PythonSpec() {
        super("python", new TreeSitterPython(), SKIP);
        failOnError = true;
        errorRole = IMPORT; // the only ERROR nodes left after benignError: from __future__ import *
        printStatement = symbols("print_statement")[0];
        chevron = symbols("chevron")[0];
        role(PLAIN, "module", "block");
        role(FUNCTION, "function_definition");
        type("class", true, false, "class_definition");
        role(WRAPPER, "decorated_definition");
        role(IMPORT, "import_statement", "import_from_statement", "future_import_statement");
        role(FAIL, "print_statement", "exec_statement");
        role(PLAIN, "if_statement", "elif_clause", "else_clause", "for_statement", "while_statement",
                "try_statement", "except_clause", "finally_clause", "with_statement", "match_statement",
                "case_clause");
        follow("function_definition", false, "body");
        follow("class_definition", false, "body");
        follow("decorated_definition", false, "definition");
        follow("if_statement", false, "consequence", "alternative");
        follow("elif_clause", false, "consequence");
        follow("else_clause", false, "body");
        follow("for_statement", false, "body", "alternative");
        follow("while_statement", false, "body", "alternative");
        follow("with_statement", false, "body");
        follow("match_statement", false, "body");
        follow("case_clause", false, "consequence");
        // their blocks and clauses carry no field
        follow("try_statement", true, "body");
        follow("except_clause", true);
        follow("finally_clause", true);
        if (has("except_group_clause")) { // older grammars
            role(PLAIN, "except_group_clause");
            follow("except_group_clause", true);
        }
    }

    @Override
    boolean isConstructor(String name, String typeName) {
        return name.equals("__init__");
    }

    /** {@code print >> f, x} is a shift and a tuple in Python 3; {@code print x} and {@code exec x} are not. */
    @Override
    boolean refuses(Walk w, TSNode node, int symbol) {
        if (symbol != printStatement) {
            return true;
        }
        TSNode first = Natives.namedChild(node, 0);
        return first == null || Natives.symbol(first) != chevron;
    }

    @Override
    boolean benignError(Walk w, TSNode error) {
        return FUTURE_STAR.matcher(w.text(error)).matches();
    }

    @Override
    void precheck(String text, boolean hadByteOrderMark) throws ParseFailure {
        int nl1 = text.indexOf('\n');
        String line1 = nl1 < 0 ? text : text.substring(0, nl1);
        String cookie = cookie(line1);
        if (cookie == null && nl1 >= 0 && line1.matches("[ \\t\\f]*(#.*)?\\r?")) {
            int nl2 = text.indexOf('\n', nl1 + 1);
            cookie = cookie(nl2 < 0 ? text.substring(nl1 + 1) : text.substring(nl1 + 1, nl2));
        }
        if (cookie == null) {
            return;
        }
        String normal = normalName(cookie);
        if (hadByteOrderMark && !normal.equals("utf-8")) {
            throw new ParseFailure("python: encoding problem: " + cookie + " with BOM");
        }
        if (!known(normal)) {
            throw new ParseFailure("python: unknown encoding: " + cookie);
        }
    }

    private static String cookie(String line) {
        if (line.indexOf("coding") < 0) {
            return null;
        }
        Matcher m = COOKIE.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    /** Python's get_normal_name(). */
    private static String normalName(String name) {
        String s = name.length() > 12 ? name.substring(0, 12) : name;
        s = s.toLowerCase(Locale.ROOT).replace('_', '-');
        if (s.equals("utf-8") || s.startsWith("utf-8-")) {
            return "utf-8";
        }
        for (String latin : new String[] {"latin-1", "iso-8859-1", "iso-latin-1"}) {
            if (s.equals(latin) || s.startsWith(latin + "-")) {
                return "iso-8859-1";
            }
        }
        return name;
    }

    /** Python's codec lookup, approximated by Java's charset names (both know the common aliases). */
    private static boolean known(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String candidate : new String[] {n, n.replace('_', '-'), n.replace("-", "").replace("_", "")}) {
            try {
                if (Charset.isSupported(candidate)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // illegal charset name: try the next spelling
            }
        }
        return false;
    }
}
