import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.comments.Comment;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterC;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterTypescript;

/**
 * Strips the doc comments of source files and lists their definitions with the doc comment each
 * had: the input of bench/retrieval_langs.py (bench/README.md, "retrieval5.sh"). Java is read with
 * JavaParser, Go, Rust, JavaScript, TypeScript and C with tree-sitter (the grammars in the jar).
 *
 *   java -cp target/codeindex.jar bench/DocDefs.java < FILES.tsv > DEFS.jsonl
 *
 * Each input line is "SOURCE\tDEST\tRELPATH". The stripped text is written to DEST; one JSON line
 * per file is printed: {"rel", "ok", "why", "defs": [{"kind", "name", "scope", "start", "end",
 * "doc"}]}, lines 1-based in the stripped text, doc the raw text of the doc comment that documented
 * the definition (null when none). A file is not ok (nothing written) when it does not parse
 * cleanly, or when its stripped text does not parse cleanly, still holds a doc comment or has other
 * definitions.
 *
 * Doc comments: "/**" blocks (Java, JavaScript, TypeScript, C); "///", "//!", "/**" and "/*!" (Rust);
 * in Go, a run of comment lines right above a top-level declaration (go/doc's rule); in C also such a
 * run right above a function definition. Rust's test code (items under #[cfg(test)], functions under
 * #[test]) is removed first. C files with parse errors are kept (see cleanFunction). A doc comment
 * documents the definition that starts after it, with nothing but blank, annotation or attribute
 * lines between them (in Go, nothing at all). Every doc comment is removed, documenting a definition or not;
 * a line it leaves empty goes. Other comments stay.
 */
public class DocDefs {
    record Cmt(int start, int end, int line, int endLine, String text) {}

    record Def(String kind, String name, String scope, int line, int endLine) {}

    record Parsed(List<Cmt> comments, List<Def> defs, boolean error) {}

    static final Map<String, TSParser> PARSERS = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("rel", f[2]);
            try {
                o.putAll(file(Path.of(f[0]), Path.of(f[1])));
            } catch (Exception | StackOverflowError e) {
                o.put("ok", false);
                o.put("why", e.toString());
            }
            out.println(json.writeValueAsString(o));
        }
    }

    static Map<String, Object> file(Path src, Path dest) throws Exception {
        String text = Files.readString(src, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n");
        String lang = lang(src.toString());
        if (lang.equals("rust")) {
            text = withoutTests(text);
        }
        Parsed p = parse(lang, text);
        if (p.error()) {
            return Map.of("ok", false, "why", "parse error");
        }
        List<Cmt> docs = docComments(lang, text, p);
        String stripped = strip(text, docs);
        Parsed q = parse(lang, stripped);
        if (q.error()) {
            return Map.of("ok", false, "why", "stripped text does not parse");
        }
        if (!docComments(lang, stripped, q).isEmpty()) {
            return Map.of("ok", false, "why", "doc comment left after stripping");
        }
        if (!names(p.defs()).equals(names(q.defs()))) {
            return Map.of("ok", false, "why", "definitions changed by stripping");
        }
        // the doc comment of each definition, in the original text
        Map<Integer, String> docOf = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (Cmt c : docs) {
            for (int i = 0; i < p.defs().size(); i++) {
                Def d = p.defs().get(i);
                if (d.line() >= c.endLine() && d.line() - c.endLine() <= 20 && between(lines, c, d)) {
                    docOf.putIfAbsent(i, c.text());
                    break;
                }
            }
        }
        List<Map<String, Object>> defs = new ArrayList<>();
        for (int i = 0; i < q.defs().size(); i++) {
            Def d = q.defs().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", d.kind());
            m.put("name", d.name());
            m.put("scope", d.scope());
            m.put("start", d.line());
            m.put("end", d.endLine());
            m.put("doc", docOf.get(i));
            defs.add(m);
        }
        Files.createDirectories(dest.getParent());
        Files.writeString(dest, stripped, StandardCharsets.UTF_8);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("ok", true);
        o.put("docComments", docs.size());
        o.put("defs", defs);
        return o;
    }

    static List<String> names(List<Def> defs) {
        return defs.stream().map(d -> d.kind() + " " + d.scope() + " " + d.name()).toList();
    }

    /** Only blank, annotation or attribute lines between the comment's last line and the definition. */
    static boolean between(String[] lines, Cmt c, Def d) {
        if (d.line() == c.endLine()) {
            return true; // "/** doc */ function f() {" on one line
        }
        for (int l = c.endLine() + 1; l < d.line(); l++) {
            String t = lines[l - 1].strip();
            if (!(t.isEmpty() || t.startsWith("@") || t.startsWith("#["))) {
                return false;
            }
        }
        return true;
    }

    static String lang(String path) {
        String p = path.toLowerCase();
        if (p.endsWith(".java")) return "java";
        if (p.endsWith(".go")) return "go";
        if (p.endsWith(".rs")) return "rust";
        if (p.endsWith(".ts") || p.endsWith(".mts") || p.endsWith(".cts")) return "typescript";
        if (p.endsWith(".js") || p.endsWith(".mjs") || p.endsWith(".cjs")) return "javascript";
        if (p.endsWith(".c") || p.endsWith(".h")) return "c";
        throw new IllegalArgumentException("no language for " + path);
    }

    /** The doc comments of a parsed text (see the class comment for the rule per language). */
    static List<Cmt> docComments(String lang, String text, Parsed p) {
        if (lang.equals("c")) {
            // the comment block right above a function, and every "/**" block
            List<Cmt> above = commentRuns(text, p);
            List<Cmt> out = new ArrayList<>(above);
            for (Cmt c : p.comments()) {
                String t = c.text();
                boolean doc = t.startsWith("/**") && !t.startsWith("/***") && !t.startsWith("/**/");
                if (doc && above.stream().noneMatch(a -> a.start() <= c.start() && c.end() <= a.end())) {
                    out.add(c);
                }
            }
            out.sort(Comparator.comparingInt(Cmt::start));
            return out;
        }
        if (lang.equals("go")) {
            return commentRuns(text, p);
        }
        List<Cmt> out = new ArrayList<>();
        List<Cmt> pending = new ArrayList<>();
        for (Cmt c : p.comments()) {
            String t = c.text();
            boolean doc;
            boolean line = false;
            if (lang.equals("rust")) {
                line = (t.startsWith("///") && !t.startsWith("////")) || t.startsWith("//!");
                doc = line || (t.startsWith("/**") && !t.startsWith("/***") && !t.startsWith("/**/"))
                        || t.startsWith("/*!");
            } else {
                doc = t.startsWith("/**") && !t.startsWith("/***") && !t.startsWith("/**/");
            }
            if (!doc) {
                flush(pending, out);
                continue;
            }
            if (line) {
                // consecutive "///" lines are one doc comment
                if (!pending.isEmpty() && c.line() != pending.get(pending.size() - 1).endLine() + 1) {
                    flush(pending, out);
                }
                pending.add(c);
            } else {
                flush(pending, out);
                out.add(c);
            }
        }
        flush(pending, out);
        return out;
    }

    /**
     * Runs of comments each alone on consecutive lines, right above a top-level declaration or a
     * function (Go's doc comments, and the comment block above a C function).
     */
    static List<Cmt> commentRuns(String text, Parsed p) {
        List<Cmt> out = new ArrayList<>();
        List<Cmt> run = new ArrayList<>();
        List<Cmt> all = new ArrayList<>(p.comments());
        all.add(null);
        for (Cmt c : all) {
            boolean joins = c != null && !run.isEmpty() && c.line() == run.get(run.size() - 1).endLine() + 1
                    && aloneOnLine(text, c);
            if (!joins && !run.isEmpty()) {
                Cmt last = run.get(run.size() - 1);
                int next = last.endLine() + 1;
                boolean above = p.defs().stream().anyMatch(d -> d.line() == next && (d.kind().startsWith("top:")
                        || d.kind().equals("function") || d.kind().equals("method")));
                if (above) {
                    StringBuilder t = new StringBuilder();
                    for (Cmt r : run) {
                        t.append(t.length() == 0 ? "" : "\n").append(r.text());
                    }
                    out.add(new Cmt(run.get(0).start(), last.end(), run.get(0).line(), last.endLine(), t.toString()));
                }
                run.clear();
            }
            if (c != null && aloneOnLine(text, c)) {
                if (run.isEmpty() || joins) {
                    run.add(c);
                }
            }
        }
        return out;
    }

    static void flush(List<Cmt> run, List<Cmt> out) {
        if (run.isEmpty()) {
            return;
        }
        StringBuilder t = new StringBuilder();
        for (Cmt r : run) {
            t.append(t.length() == 0 ? "" : "\n").append(r.text().stripTrailing());
        }
        Cmt last = run.get(run.size() - 1);
        out.add(new Cmt(run.get(0).start(), last.end(), run.get(0).line(), last.endLine(), t.toString()));
        run.clear();
    }

    static boolean aloneOnLine(String text, Cmt c) {
        int ls = text.lastIndexOf('\n', c.start() - 1) + 1;
        int le = text.indexOf('\n', c.end());
        return text.substring(ls, c.start()).isBlank() && text.substring(c.end(), le < 0 ? text.length() : le).isBlank();
    }

    /** The text without the given comments; a line they leave empty (it had something else before) goes. */
    static String strip(String text, List<Cmt> docs) {
        boolean[] cut = new boolean[text.length()];
        for (Cmt c : docs) {
            for (int i = c.start(); i < c.end(); i++) {
                cut[i] = true;
            }
        }
        StringBuilder out = new StringBuilder();
        int ls = 0;
        while (ls <= text.length()) {
            int le = text.indexOf('\n', ls);
            boolean last = le < 0;
            if (last) {
                le = text.length();
            }
            StringBuilder kept = new StringBuilder();
            boolean any = false;
            for (int i = ls; i < le; i++) {
                if (cut[i]) {
                    any = true;
                } else {
                    kept.append(text.charAt(i));
                }
            }
            if (!(any && kept.toString().isBlank())) {
                out.append(any ? kept.toString().stripTrailing() : kept);
                if (!last) {
                    out.append('\n');
                }
            }
            if (last) {
                break;
            }
            ls = le + 1;
        }
        return out.toString();
    }

    static final java.util.regex.Pattern CFG_TEST = java.util.regex.Pattern.compile("#\\[cfg\\(.*\\btest\\b.*\\)\\]");

    /**
     * Rust text without its test code: an item under a {@code #[cfg(test)]} attribute (or a cfg naming
     * {@code test}; a test module, inline or declared) and a function under {@code #[test]} go, from
     * the attribute's line to the item's last line.
     */
    static String withoutTests(String text) {
        TSParser parser = PARSERS.computeIfAbsent("rust", l -> {
            TSParser p = new TSParser();
            p.setLanguage(language(l));
            return p;
        });
        TSTree tree = parser.parseString(null, text);
        List<int[]> cut = new ArrayList<>(); // 0-based first and last row
        try {
            testItems(tree.getRootNode(), text, charOffsets(text), cut);
        } finally {
            tree.close();
        }
        if (cut.isEmpty()) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        boolean[] drop = new boolean[lines.length];
        for (int[] r : cut) {
            for (int l = r[0]; l <= r[1] && l < lines.length; l++) {
                drop[l] = true;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < lines.length; l++) {
            if (!drop[l]) {
                out.append(lines[l]).append(l == lines.length - 1 ? "" : "\n");
            }
        }
        return out.toString();
    }

    static void testItems(TSNode n, String text, int[] charOf, List<int[]> cut) {
        int count = n.getNamedChildCount();
        for (int i = 0; i < count; i++) {
            TSNode c = n.getNamedChild(i);
            String attr = c.getType().equals("attribute_item") ? text(c, text, charOf).replace(" ", "") : "";
            boolean cfgTest = CFG_TEST.matcher(attr).matches() && !attr.contains("not(");
            if (cfgTest || attr.equals("#[test]")) {
                int j = i + 1;
                while (j < count && (n.getNamedChild(j).getType().equals("attribute_item")
                        || n.getNamedChild(j).getType().endsWith("comment"))) {
                    j++;
                }
                if (j < count && (cfgTest || n.getNamedChild(j).getType().equals("function_item"))) {
                    cut.add(new int[] {c.getStartPoint().getRow(), n.getNamedChild(j).getEndPoint().getRow()});
                    i = j;
                    continue;
                }
            }
            if (!c.getType().endsWith("comment")) {
                testItems(c, text, charOf, cut);
            }
        }
    }

    static Parsed parse(String lang, String text) {
        return lang.equals("java") ? parseJava(text) : parseTreeSitter(lang, text);
    }

    // ---- Java (JavaParser) ----

    static final JavaParser JAVA = new JavaParser(new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_17)
            .setAttributeComments(false).setTabSize(1));

    static Parsed parseJava(String text) {
        ParseResult<CompilationUnit> r = JAVA.parse(text);
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            return new Parsed(List.of(), List.of(), true);
        }
        int[] lineStart = lineStarts(text);
        List<Cmt> comments = new ArrayList<>();
        r.getCommentsCollection().ifPresent(cc -> {
            for (Comment c : cc.getComments()) {
                Position b = c.getRange().get().begin;
                Position e = c.getRange().get().end;
                int s = lineStart[b.line - 1] + b.column - 1;
                int en = lineStart[e.line - 1] + e.column; // end is inclusive
                comments.add(new Cmt(s, en, b.line, e.line, text.substring(s, en)));
            }
        });
        comments.sort(Comparator.comparingInt(Cmt::start));
        List<Def> defs = new ArrayList<>();
        for (Node n : r.getResult().get().findAll(Node.class)) {
            String kind = null;
            String name = null;
            if (n instanceof MethodDeclaration m) {
                kind = m.getBody().isPresent() ? "method" : "signature";
                name = m.getNameAsString();
            } else if (n instanceof ConstructorDeclaration c) {
                kind = "constructor";
                name = c.getNameAsString();
            } else if (n instanceof TypeDeclaration<?> t) {
                kind = "type";
                name = t.getNameAsString();
            }
            if (kind == null) {
                continue;
            }
            String scope = null;
            for (Node a = n.getParentNode().orElse(null); a != null; a = a.getParentNode().orElse(null)) {
                if (a instanceof TypeDeclaration<?> t) {
                    scope = t.getNameAsString();
                    break;
                }
                if (a instanceof CallableDeclaration<?>) {
                    break; // a local or anonymous class's member
                }
            }
            defs.add(new Def(kind, name, scope, n.getRange().get().begin.line, n.getRange().get().end.line));
        }
        defs.sort(Comparator.comparingInt(Def::line).thenComparing(d -> -d.endLine()));
        return new Parsed(comments, defs, false);
    }

    static int[] lineStarts(String text) {
        List<Integer> s = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                s.add(i + 1);
            }
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---- tree-sitter ----

    static TSLanguage language(String lang) {
        return switch (lang) {
            case "go" -> new TreeSitterGo();
            case "rust" -> new TreeSitterRust();
            case "javascript" -> new TreeSitterJavascript();
            case "typescript" -> new TreeSitterTypescript();
            case "c" -> new TreeSitterC();
            default -> throw new IllegalArgumentException(lang);
        };
    }

    static Parsed parseTreeSitter(String lang, String text) {
        TSParser parser = PARSERS.computeIfAbsent(lang, l -> {
            TSParser p = new TSParser();
            p.setLanguage(language(l));
            return p;
        });
        TSTree tree = parser.parseString(null, text);
        try {
            TSNode root = tree.getRootNode();
            int[] charOf = charOffsets(text);
            List<Cmt> comments = new ArrayList<>();
            List<Def> defs = new ArrayList<>();
            walk(lang, root, text, charOf, comments, defs, null);
            comments.sort(Comparator.comparingInt(Cmt::start));
            defs.sort(Comparator.comparingInt(Def::line).thenComparing(d -> -d.endLine()));
            // C: macros tree-sitter cannot parse are everywhere; such a definition is no query (see cleanFunction)
            return new Parsed(comments, defs, !lang.equals("c") && root.hasError());
        } finally {
            tree.close();
        }
    }

    /**
     * Whether a C function definition parsed without error around its body (return type, name,
     * parameters) and lies in no error node. C code is full of macros tree-sitter cannot parse (loop
     * macros, annotations beside a return type or after a parameter list); an error inside the body
     * leaves the function's range right, one around it may not.
     */
    static boolean cleanFunction(TSNode n) {
        for (TSNode a = n.getParent(); a != null && !a.isNull(); a = a.getParent()) {
            if (a.isError() || a.getType().equals("ERROR")) {
                return false;
            }
        }
        TSNode body = n.getChildByFieldName("body");
        for (int k = 0; k < n.getChildCount(); k++) {
            TSNode part = n.getChild(k);
            if ((part.hasError() || part.isError()) && (body == null || body.isNull() || !part.equals(body))) {
                return false;
            }
        }
        return body != null && !body.isNull();
    }

    /** UTF-8 byte offset to char offset. */
    static int[] charOffsets(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int[] out = new int[b.length + 1];
        int c = 0;
        int i = 0;
        while (i < b.length) {
            int cp = text.codePointAt(c);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            for (int k = 0; k < n; k++) {
                out[i + k] = c;
            }
            i += n;
            c += Character.charCount(cp);
        }
        out[b.length] = c;
        return out;
    }

    static String text(TSNode n, String text, int[] charOf) {
        return n == null || n.isNull() ? null : text.substring(charOf[n.getStartByte()], charOf[n.getEndByte()]);
    }

    static void walk(String lang, TSNode n, String text, int[] charOf, List<Cmt> comments, List<Def> defs, String scope) {
        String type = n.getType();
        if (type.equals("comment") || type.equals("line_comment") || type.equals("block_comment")) {
            int s = charOf[n.getStartByte()];
            int e = charOf[n.getEndByte()];
            String t = text.substring(s, e);
            // tree-sitter-rust's line comment ends after its newline
            while (e > s && (text.charAt(e - 1) == '\n' || text.charAt(e - 1) == '\r')) {
                e--;
            }
            int line = n.getStartPoint().getRow() + 1;
            comments.add(new Cmt(s, e, line, line + (int) t.substring(0, e - s).chars().filter(ch -> ch == '\n').count(),
                    text.substring(s, e)));
            return;
        }
        Def d = def(lang, n, type, text, charOf, scope);
        String inner = scope;
        if (d != null) {
            defs.add(d);
            if (d.kind().equals("type") || d.kind().equals("top:type")) {
                inner = d.name();
            }
        }
        if (lang.equals("rust") && type.equals("impl_item")) {
            inner = baseType(text(n.getChildByFieldName("type"), text, charOf));
        }
        for (int i = 0; i < n.getNamedChildCount(); i++) {
            walk(lang, n.getNamedChild(i), text, charOf, comments, defs, inner);
        }
    }

    static String baseType(String t) {
        if (t == null) {
            return null;
        }
        int lt = t.indexOf('<');
        if (lt >= 0) {
            t = t.substring(0, lt);
        }
        t = t.replace("*", "").replace("&", "").strip();
        int colon = t.lastIndexOf("::");
        return colon >= 0 ? t.substring(colon + 2) : t;
    }

    static boolean isFunction(TSNode n) {
        if (n == null || n.isNull()) {
            return false;
        }
        String t = n.getType();
        return t.equals("function_expression") || t.equals("arrow_function") || t.equals("function")
                || t.equals("generator_function");
    }

    static Def def(String lang, TSNode n, String type, String text, int[] charOf, String scope) {
        int line = n.getStartPoint().getRow() + 1;
        int end = n.getEndPoint().getRow() + 1;
        String name = text(n.getChildByFieldName("name"), text, charOf);
        switch (lang) {
            case "go" -> {
                TSNode parent = n.getParent();
                boolean top = parent != null && !parent.isNull() && parent.getType().equals("source_file");
                switch (type) {
                    case "function_declaration":
                        return new Def("function", name, null, line, end);
                    case "method_declaration": {
                        TSNode recv = n.getChildByFieldName("receiver").getNamedChild(0);
                        return new Def("method", name, baseType(text(recv.getChildByFieldName("type"), text, charOf)),
                                line, end);
                    }
                    case "type_spec":
                        return new Def("type", name, null, line, end);
                    case "type_declaration", "const_declaration", "var_declaration", "package_clause":
                        return top ? new Def("top:" + type, null, null, line, end) : null;
                    default:
                        return null;
                }
            }
            case "rust" -> {
                switch (type) {
                    case "function_item":
                        return new Def("function", name, scope, line, end);
                    case "function_signature_item":
                        return new Def("signature", name, scope, line, end);
                    case "struct_item", "enum_item", "trait_item", "type_item", "union_item":
                        return new Def("type", name, scope, line, end);
                    case "macro_definition":
                        return new Def("macro", name, scope, line, end);
                    default:
                        return null;
                }
            }
            case "c" -> {
                if (!type.equals("function_definition")) {
                    return null;
                }
                TSNode decl = n.getChildByFieldName("declarator");
                while (decl != null && !decl.isNull() && !decl.getType().equals("function_declarator")) {
                    decl = decl.getChildByFieldName("declarator");
                }
                if (decl == null || decl.isNull()) {
                    return null;
                }
                // a definition the parser may have misread is listed (stripping must keep it) but is no query
                return new Def(cleanFunction(n) ? "function" : "unclear", text(decl.getChildByFieldName("declarator"), text,
                        charOf), null, line, end);
            }
            default -> { // javascript, typescript
                switch (type) {
                    case "function_declaration", "generator_function_declaration":
                        return new Def("function", name, scope, line, end);
                    case "method_definition":
                        return new Def("method", name, scope, line, end);
                    case "function_signature", "method_signature", "abstract_method_signature":
                        return new Def("signature", name, scope, line, end);
                    case "class_declaration", "abstract_class_declaration", "interface_declaration",
                         "type_alias_declaration", "enum_declaration":
                        return new Def("type", name, scope, line, end);
                    case "class":
                        return name == null ? null : new Def("type", name, scope, line, end);
                    case "variable_declarator":
                        if (isFunction(n.getChildByFieldName("value")) && n.getChildByFieldName("name").getType().equals("identifier")) {
                            return new Def("function", name, scope, line, end);
                        }
                        return null;
                    case "assignment_expression": {
                        if (!isFunction(n.getChildByFieldName("right"))) {
                            return null;
                        }
                        TSNode left = n.getChildByFieldName("left");
                        if (left.getType().equals("identifier")) {
                            return new Def("function", text(left, text, charOf), scope, line, end);
                        }
                        if (left.getType().equals("member_expression")) {
                            String obj = text(left.getChildByFieldName("object"), text, charOf);
                            return new Def("function", text(left.getChildByFieldName("property"), text, charOf),
                                    obj, line, end);
                        }
                        return null;
                    }
                    case "pair":
                        if (isFunction(n.getChildByFieldName("value"))) {
                            String key = text(n.getChildByFieldName("key"), text, charOf);
                            return new Def("function", key.replaceAll("^['\"]|['\"]$", ""), scope, line, end);
                        }
                        return null;
                    default:
                        return null;
                }
            }
        }
    }
}
