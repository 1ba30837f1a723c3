package dev.codeindex.chunk.treesitter;

import org.treesitter.TSNode;
import org.treesitter.TreeSitterC;
import org.treesitter.TreeSitterCpp;

/**
 * C and C++. Only declarations are visited (file level, preprocessor branches, namespaces,
 * extern "C" blocks, templates, class and struct bodies); function bodies are not entered: C has
 * no nested functions, and skipping them keeps the walk to a few nodes per definition.
 */
final class CSpec extends Spec {
    private final boolean cpp;
    private final int declaratorField;
    private final boolean[] functionDeclarators;
    private final int typeDefinition;
    private final int comment;

    /**
     * A form feed (the page break of old C sources: 130 of Open vSwitch's 547 files) is read as a space: after one,
     * tree-sitter's C grammar recovered from the next top-level macro calls into an error running to the end of the
     * file, and every function after it lost its name (a trial). Whitespace in C either way.
     */
    @Override
    String forParser(String text) {
        return text.indexOf('\f') < 0 ? text : text.replace('\f', ' ');
    }

    /**
     * C has no nested functions (GNU C's are rare, and written indented): a function definition at column 0
     * straight inside a function's body with a parse error is one the parser swallowed while recovering (a macro
     * taking a type, {@code ALIGNED_CAST(ovs_be16 *, p)}, in an if/else: the body ran over 1,600 lines of the
     * functions after it; a trial). The function ends at its last statement before the first of them, and each
     * starts at the comments right above it. Not C++, whose macros (BOOST_FOREACH) read as nested definitions
     * (a review).
     */
    @Override
    Swallowed swallowed(Walk w, TSNode function, int sym) {
        TSNode body = Natives.child(function, bodyField);
        if (cpp || body == null || !Natives.hasError(function)) {
            return null;
        }
        java.util.List<TSNode> functions = new java.util.ArrayList<>();
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        int outerEnd = -1;
        int lastCodeEnd = Natives.startRow(body) + 1; // the body's opening line, 1-based
        int commentsFrom = -1; // 0-based first row of the comments since the last code
        for (int i = 0; ; i++) {
            TSNode c = Natives.namedChild(body, i);
            if (c == null) {
                break;
            }
            int s = Natives.symbol(c);
            if (s == comment) {
                commentsFrom = commentsFrom < 0 ? Natives.startRow(c) : commentsFrom;
                continue;
            }
            if (s == sym && Natives.startColumn(c) == 0) {
                outerEnd = outerEnd < 0 ? lastCodeEnd : outerEnd;
                functions.add(c);
                starts.add(commentsFrom < 0 ? Natives.startRow(c) : commentsFrom);
            }
            lastCodeEnd = Natives.endLine(c, Natives.startRow(c));
            commentsFrom = -1;
        }
        return functions.isEmpty() ? null : new Swallowed(outerEnd, functions, starts);
    }

    CSpec(boolean cpp) {
        super(cpp ? "cpp" : "c", cpp ? new TreeSitterCpp() : new TreeSitterC(), SKIP);
        this.cpp = cpp;
        declaratorField = field("declarator");
        functionDeclarators = symbolSet("function_declarator");
        typeDefinition = symbols("type_definition")[0];
        comment = symbols("comment")[0];

        role(PLAIN, "translation_unit", "field_declaration_list", "field_declaration");
        role(PLAIN, "preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif", "preproc_elifdef");
        for (String p : new String[] {"preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif", "preproc_elifdef"}) {
            follow(p, true, "alternative");
        }
        follow("field_declaration", false, "type");
        role(WRAPPER, "declaration", "type_definition");
        follow("declaration", false, "type");
        follow("type_definition", false, "type");
        opaqueFunction("function_definition");
        role(IMPORT, "preproc_include");
        type("struct", true, true, "struct_specifier");
        type("type", true, true, "union_specifier");
        type("enum", true, true, "enum_specifier");
        for (String t : new String[] {"struct_specifier", "union_specifier", "enum_specifier"}) {
            follow(t, false, "body");
        }
        if (cpp) {
            type("class", true, true, "class_specifier");
            follow("class_specifier", false, "body");
            role(PLAIN, "declaration_list", "linkage_specification", "friend_declaration");
            follow("linkage_specification", false, "body");
            role(SCOPE, "namespace_definition");
            follow("namespace_definition", false, "body");
            role(WRAPPER, "template_declaration");
            follow("template_declaration", true);
        }
    }

    @Override
    String functionName(Walk w, TSNode node, int symbol, Frame parent) {
        TSNode d = Natives.child(node, declaratorField);
        for (int i = 0; d != null && i < 16; i++) {
            if (in(functionDeclarators, Natives.symbol(d))) {
                return clean(w.text(Natives.child(d, declaratorField)));
            }
            TSNode next = Natives.child(d, declaratorField);
            d = next != null ? next : Natives.namedChild(d, 0);
        }
        return "";
    }

    @Override
    String typeName(Walk w, TSNode node, int symbol, Frame parent) {
        String name = clean(w.text(Natives.child(node, nameField)));
        if (name.isEmpty() && parent.symbol == typeDefinition) {
            name = clean(w.text(Natives.child(parent.node, declaratorField)));
        }
        return name;
    }

    @Override
    String scopeName(Walk w, TSNode node, int symbol) {
        return clean(w.text(Natives.child(node, nameField)));
    }

    @Override
    String functionKind(int symbol, String name, Frame owner) {
        if (owner != null) {
            return name.equals(owner.name) ? "constructor" : "method";
        }
        int dot = name.lastIndexOf('.');
        if (!cpp || dot < 0) {
            return "function";
        }
        int prev = name.lastIndexOf('.', dot - 1);
        return name.substring(prev + 1, dot).equals(name.substring(dot + 1)) ? "constructor" : "method";
    }

    /** "ns::Foo<T>::bar" → "ns.Foo.bar"; spaces dropped; operators kept as written. */
    static String clean(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (s.startsWith("operator", i)) {
                out.append(s.substring(i).replaceAll("\\s+", ""));
                break;
            }
            if (ch == '<') {
                depth++;
            } else if (ch == '>') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && !Character.isWhitespace(ch)) {
                out.append(ch);
            }
        }
        String r = out.toString().replace("::", ".");
        return r.startsWith(".") ? r.substring(1) : r;
    }
}
