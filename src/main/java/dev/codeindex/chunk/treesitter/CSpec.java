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
     * C has no nested functions (GNU C's are rare): a function definition straight inside a function's body is one
     * the parser swallowed while recovering from an error (a macro taking a type, {@code ALIGNED_CAST(ovs_be16 *,
     * p)}, in an if/else: the body ran over 1,600 lines of the functions after it; a trial).
     */
    @Override
    java.util.List<TSNode> swallowed(Walk w, TSNode function, int sym) {
        TSNode body = Natives.child(function, bodyField);
        if (body == null || !Natives.hasError(function)) {
            return java.util.List.of();
        }
        java.util.List<TSNode> out = new java.util.ArrayList<>();
        for (int i = 0; ; i++) {
            TSNode c = Natives.namedChild(body, i);
            if (c == null) {
                return out;
            }
            if (Natives.symbol(c) == sym) {
                out.add(c);
            }
        }
    }

    CSpec(boolean cpp) {
        super(cpp ? "cpp" : "c", cpp ? new TreeSitterCpp() : new TreeSitterC(), SKIP);
        this.cpp = cpp;
        declaratorField = field("declarator");
        functionDeclarators = symbolSet("function_declarator");
        typeDefinition = symbols("type_definition")[0];

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
