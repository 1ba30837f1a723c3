package dev.codeindex.chunk.python;

import dev.codeindex.chunk.Region;
import dev.codeindex.chunk.Structure;
import dev.codeindex.chunk.SymbolStats;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token-level scan of Python source, some fifty times faster than a tree-sitter parse: strings,
 * comments, brackets, line continuations and indentation are tokenized as Python's own tokenizer
 * does; {@code def}, {@code async def}, {@code class}, {@code import} and {@code from} are counted
 * where a statement starts (line start, after {@code ;}, after a block's {@code :}); a definition's
 * block ends at the first logical line indented no deeper than its header.
 *
 * <p>It answers only when it is sure. It gives up ({@code null}) on anything it does not model
 * exactly (form feeds it reads as CPython does: whitespace, and a fresh start of the indentation):
 * unbalanced brackets, an unterminated string, an indent Python would reject, an encoding
 * declaration, lone carriage returns, and Python 2 constructs ({@code print x},
 * backquotes, {@code <>}, {@code 0777}, {@code ur''}, {@code except X, e}). The caller then asks the
 * exact parser. Stateless; one instance per call.
 */
final class PythonScanner {
    private static final Pattern COOKIE = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");

    private final char[] s; // a copy: indexing an array beats String.charAt's checks on UTF-16 text
    private final String text;
    private final int n;
    private int i;
    private int line = 1;
    private final List<Block> open = new ArrayList<>();
    private final List<Region> regions = new ArrayList<>();
    private final TrailingComments comments = new TrailingComments();
    private long functions;
    private long classes;
    private long imports;

    /** A def or class whose block is still open. */
    private static final class Block {
        final boolean isClass;
        final String name;
        final String qual;
        final int indent;
        final int start;
        final boolean inFunction;
        int firstChild; // first line of the first region inside a class, 0 if none

        Block(boolean isClass, String name, String qual, int indent, int start, boolean inFunction) {
            this.isClass = isClass;
            this.name = name;
            this.qual = qual;
            this.indent = indent;
            this.start = start;
            this.inFunction = inFunction;
        }
    }

    private PythonScanner(String text) {
        this.text = text;
        this.s = text.toCharArray();
        this.n = s.length;
    }

    /** The file's structure, or null when the scan is not sure (the exact parser decides then). */
    static Structure scan(String text) {
        try {
            return new PythonScanner(text).run();
        } catch (Unsure e) {
            return null;
        }
    }

    private static final class Unsure extends RuntimeException {
        Unsure() {
            super(null, null, false, false);
        }
    }

    private static Unsure unsure() {
        return new Unsure();
    }

    private Structure run() {
        if (hasCodingCookie()) {
            throw unsure();
        }
        int[] indents = new int[64];
        int depthOfIndents = 0; // indents[0..depthOfIndents) are open indent levels; level 0 implicit
        boolean expectIndent = false;
        int lastLine = 0; // last line of the previous logical line
        int decoratorLine = 0;
        while (i < n) {
            // at the start of a physical line outside brackets: measure indentation
            int col = 0;
            boolean spaces = false;
            boolean tabs = false;
            while (i < n) {
                char c = s[i];
                if (c == ' ') {
                    col++;
                    spaces = true;
                } else if (c == '\t') {
                    col = (col / 8 + 1) * 8;
                    tabs = true;
                } else if (c == '\f') {
                    // as CPython's tokenizer does: a form feed in the indentation starts the count over
                    col = 0;
                    spaces = false;
                    tabs = false;
                } else {
                    break;
                }
                i++;
            }
            if (i >= n) {
                break;
            }
            char c = s[i];
            if (c == '#' || c == '\n' || c == '\r') { // blank or comment-only line
                if (c == '#') {
                    comments.add(line, col);
                }
                skipToLineEnd();
                continue;
            }
            if (spaces && tabs) {
                throw unsure(); // Python may see a TabError here
            }
            int current = depthOfIndents == 0 ? 0 : indents[depthOfIndents - 1];
            if (col > current) {
                if (!expectIndent) {
                    throw unsure(); // unexpected indent
                }
                if (depthOfIndents == indents.length) {
                    throw unsure();
                }
                indents[depthOfIndents++] = col;
            } else {
                if (expectIndent) {
                    throw unsure(); // expected an indented block
                }
                while (depthOfIndents > 0 && indents[depthOfIndents - 1] > col) {
                    depthOfIndents--;
                }
                int now = depthOfIndents == 0 ? 0 : indents[depthOfIndents - 1];
                if (now != col) {
                    throw unsure(); // dedent to a level that was never opened
                }
            }
            closeBlocks(col, lastLine);
            comments.clear();
            LogicalLine ll = logicalLine(col, decoratorLine);
            decoratorLine = ll.decoratorLine;
            expectIndent = ll.endsWithColon;
            lastLine = ll.lastLine;
        }
        if (expectIndent) {
            throw unsure();
        }
        closeBlocks(-1, lastLine);
        return new Structure(regions, new SymbolStats(functions, classes, imports));
    }

    private record LogicalLine(boolean endsWithColon, int lastLine, int decoratorLine) {}

    /** Tokenizes one logical line starting at the current position (its first token). */
    private LogicalLine logicalLine(int indent, int decoratorLine) {
        StringBuilder brackets = new StringBuilder();
        boolean statementStart = true;
        boolean lastWasColon = false;
        boolean exceptLine = false;
        int lastTokenLine = line;
        while (i < n) {
            char c = s[i];
            if (c == '\n') {
                i++;
                line++;
                if (brackets.length() == 0) {
                    return new LogicalLine(lastWasColon, lastTokenLine, decoratorLine);
                }
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\f') { // between tokens a form feed is whitespace
                i++;
                continue;
            }
            if (c == '\r') {
                if (i + 1 < n && s[i + 1] == '\n') {
                    i++;
                    continue;
                }
                throw unsure();
            }
            if (c == '#') {
                while (i < n && s[i] != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '\\') {
                int j = i + 1;
                if (j < n && s[j] == '\r') {
                    j++;
                }
                if (j < n && s[j] == '\n') {
                    i = j + 1;
                    line++;
                    continue;
                }
                throw unsure();
            }
            lastTokenLine = line;
            boolean wasStart = statementStart;
            statementStart = false;
            lastWasColon = false;
            if (isIdentStart(c)) {
                int from = i;
                while (i < n && isIdentPart(s[i])) {
                    i++;
                }
                String word = new String(s, from, i - from);
                if (i < n && (s[i] == '\'' || s[i] == '"') && isStringPrefix(word)) {
                    string();
                    lastTokenLine = line;
                    continue;
                }
                if (wasStart && brackets.length() == 0) {
                    int[] deco = {decoratorLine};
                    statement(word, indent, deco);
                    decoratorLine = deco[0];
                    exceptLine = word.equals("except");
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                string();
                lastTokenLine = line;
                continue;
            }
            if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s[i + 1]))) {
                number();
                continue;
            }
            i++;
            switch (c) {
                case '(', '[', '{' -> brackets.append(c);
                case ')', ']', '}' -> {
                    int k = brackets.length() - 1;
                    if (k < 0 || brackets.charAt(k) != (c == ')' ? '(' : c == ']' ? '[' : '{')) {
                        throw unsure();
                    }
                    brackets.setLength(k);
                }
                case ';' -> {
                    if (brackets.length() == 0) {
                        statementStart = true;
                        if (decoratorLine != 0) {
                            throw unsure();
                        }
                    }
                }
                case ':' -> {
                    if (i < n && s[i] == '=') {
                        i++; // walrus
                    } else if (brackets.length() == 0) {
                        statementStart = true;
                        lastWasColon = true;
                    }
                }
                case ',' -> {
                    if (exceptLine && brackets.length() == 0) {
                        throw unsure(); // except X, e: (Python 2)
                    }
                }
                case '@' -> {
                    if (wasStart && brackets.length() == 0 && decoratorLine == 0) {
                        decoratorLine = line;
                    }
                }
                case '`', '$', '?' -> throw unsure();
                case '!' -> {
                    if (i >= n || s[i] != '=') {
                        throw unsure();
                    }
                }
                case '<' -> {
                    if (i < n && s[i] == '>') {
                        throw unsure(); // <> (Python 2)
                    }
                }
                default -> {
                    if (c > 127 || Character.isISOControl(c)) {
                        throw unsure();
                    }
                }
            }
        }
        if (brackets.length() > 0) {
            throw unsure();
        }
        return new LogicalLine(lastWasColon, lastTokenLine, decoratorLine);
    }

    /** A statement starting with {@code word}. */
    private void statement(String word, int indent, int[] decoratorLine) {
        switch (word) {
            case "def" -> {
                definition(false, indent, decoratorLine[0]);
                decoratorLine[0] = 0;
            }
            case "class" -> {
                definition(true, indent, decoratorLine[0]);
                decoratorLine[0] = 0;
            }
            case "async" -> {
                int save = i;
                skipSpaces();
                if (text.startsWith("def", i) && (i + 3 >= n || !isIdentPart(s[i + 3]))) {
                    i += 3;
                    definition(false, indent, decoratorLine[0]);
                } else {
                    i = save;
                }
                decoratorLine[0] = 0;
            }
            case "import", "from" -> {
                imports++;
                requireNoDecorator(decoratorLine[0]);
            }
            case "print", "exec" -> {
                int save = i;
                skipSpaces();
                if (i < n && (isIdentStart(s[i]) || Character.isDigit(s[i])
                        || s[i] == '\'' || s[i] == '"')) {
                    throw unsure(); // print x / exec code (Python 2)
                }
                i = save;
                requireNoDecorator(decoratorLine[0]);
            }
            default -> requireNoDecorator(decoratorLine[0]);
        }
    }

    private static void requireNoDecorator(int decoratorLine) {
        if (decoratorLine != 0) {
            throw unsure(); // a decorator must be followed by def or class
        }
    }

    private void definition(boolean isClass, int indent, int decoratorLine) {
        skipSpaces();
        int from = i;
        while (i < n && isIdentPart(s[i])) {
            i++;
        }
        if (from == i) {
            throw unsure();
        }
        String name = new String(s, from, i - from);
        if (isClass) {
            classes++;
        } else {
            functions++;
        }
        boolean inFunction = false;
        String qual = "";
        for (Block b : open) {
            if (!b.isClass) {
                inFunction = true;
            }
            qual = b.qual;
        }
        String q = open.isEmpty() ? name : qual + "." + name;
        Block parent = open.isEmpty() ? null : open.get(open.size() - 1);
        int start = decoratorLine != 0 ? decoratorLine : line;
        if (!inFunction && parent != null && parent.isClass && parent.firstChild == 0) {
            parent.firstChild = start;
        }
        open.add(new Block(isClass, name, q, indent, start, inFunction));
    }

    /** Closes the blocks whose header is indented at least {@code col} (all when -1); they end at lastLine. */
    private void closeBlocks(int col, int lastLine) {
        while (!open.isEmpty() && open.get(open.size() - 1).indent >= col) {
            Block b = open.remove(open.size() - 1);
            if (b.inFunction) {
                continue;
            }
            int end = Math.max(comments.endFor(b.indent, lastLine), b.start);
            if (!b.isClass) {
                Block parent = open.isEmpty() ? null : open.get(open.size() - 1);
                String kind = parent == null ? "function" : b.name.equals("__init__") ? "constructor" : "method";
                regions.add(new Region(b.start, end, b.qual, kind));
            } else if (b.firstChild == 0) {
                regions.add(new Region(b.start, end, b.qual, "class"));
            } else if (b.firstChild > b.start) {
                regions.add(new Region(b.start, b.firstChild - 1, b.qual, "class"));
            }
        }
    }

    private void string() {
        char q = s[i];
        boolean triple = i + 2 < n && s[i + 1] == q && s[i + 2] == q;
        i += triple ? 3 : 1;
        while (i < n) {
            char c = s[i];
            if (c == '\\') {
                if (i + 1 < n && s[i + 1] == '\n') {
                    line++;
                }
                i += 2;
                continue;
            }
            if (c == '\n') {
                if (!triple) {
                    throw unsure(); // unterminated single-quoted string
                }
                line++;
            } else if (c == q) {
                if (!triple) {
                    i++;
                    return;
                }
                if (i + 2 < n && s[i + 1] == q && s[i + 2] == q) {
                    i += 3;
                    return;
                }
            }
            i++;
        }
        throw unsure(); // unterminated at end of file
    }

    private void number() {
        int from = i;
        while (i < n) {
            char c = s[i];
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                i++;
            } else if ((c == '+' || c == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E')
                    && !isHex(from)) {
                i++;
            } else {
                break;
            }
        }
        // 0777 and friends: a decimal literal with a leading zero and a non-zero digit (Python 2 octal)
        if (s[from] == '0' && i - from > 1 && Character.isDigit(s[from + 1])) {
            for (int k = from; k < i; k++) {
                char c = s[k];
                if (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J') {
                    return;
                }
            }
            for (int k = from; k < i; k++) {
                if (s[k] >= '1' && s[k] <= '9') {
                    throw unsure();
                }
            }
        }
    }

    private boolean isHex(int from) {
        return from + 1 < n && s[from] == '0' && (s[from + 1] == 'x' || s[from + 1] == 'X');
    }

    private void skipSpaces() {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f')) {
            i++;
        }
    }

    private void skipToLineEnd() {
        while (i < n && s[i] != '\n') {
            if (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')) {
                throw unsure();
            }
            i++;
        }
        if (i < n) {
            i++;
            line++;
        }
    }

    /**
     * PEP 263: a coding declaration in line 1 or 2 other than UTF-8 or ASCII changes how Python
     * decodes the file (and Python refuses unknown ones): leave such files to the exact parser.
     */
    private boolean hasCodingCookie() {
        int end = 0;
        for (int k = 0; k < 2 && end < n; k++) {
            int nl = text.indexOf('\n', end);
            String l = text.substring(end, nl < 0 ? n : nl);
            Matcher m = COOKIE.matcher(l);
            if (m.find()) {
                String enc = m.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                return !(enc.equals("utf-8") || enc.equals("utf8") || enc.startsWith("utf-8-") || enc.equals("ascii")
                        || enc.equals("us-ascii"));
            }
            if (!l.isBlank() && !l.stripLeading().startsWith("#")) {
                return false; // line 2 counts only after a comment or blank line 1
            }
            end = nl < 0 ? n : nl + 1;
        }
        return false;
    }

    private static boolean isStringPrefix(String w) {
        return switch (w.toLowerCase(java.util.Locale.ROOT)) {
            case "r", "u", "b", "f", "br", "rb", "fr", "rf" -> true;
            case "ur" -> throw unsure();
            default -> false;
        };
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && Character.isUnicodeIdentifierStart(c));
    }

    private static boolean isIdentPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                || (c > 127 && Character.isUnicodeIdentifierPart(c));
    }
}
