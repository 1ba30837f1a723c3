package dev.codeindex.chunk.treesitter;

import dev.codeindex.chunk.ChunkAssembler;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterTypescript;

/**
 * JavaScript, TypeScript and TSX. Functions hide inside expressions (callbacks), so the walk visits
 * every node except leaves, parameter lists, type annotations and names.
 */
final class JsSpec extends Spec {
    private final boolean[] functionExpressions;
    /** Expressions a function may sit in that bind nothing: {@code export default supported && function f() …}. */
    private final boolean[] operands;
    private final boolean[] binders;
    private final int valueField;
    private final int rightField;
    private final int leftField;
    private final int keyField;
    private final int propertyField;
    private final int exportStatement;
    private final boolean[] signatures;

    JsSpec(String id) {
        super(id, load(id), PLAIN);
        boolean ts = !id.equals("javascript");
        valueField = field("value");
        rightField = field("right");
        leftField = field("left");
        keyField = field("key");
        propertyField = field("property");
        exportStatement = symbols("export_statement")[0];

        role(SKIP, "identifier", "property_identifier", "private_property_identifier",
                "shorthand_property_identifier", "shorthand_property_identifier_pattern", "statement_identifier",
                "string", "template_string", "number", "regex", "comment", "true", "false", "null", "undefined",
                "this", "super", "hash_bang_line", "formal_parameters", "decorator");
        role(IMPORT, "import_statement");
        role(FUNCTION, "function_declaration", "generator_function_declaration", "method_definition",
                "function_expression", "arrow_function", "generator_function");
        functionExpressions = symbolSet("function_expression", "arrow_function", "generator_function");
        operands = symbolSet("binary_expression", "ternary_expression", "parenthesized_expression");
        type("class", true, false, "class_declaration", "class");
        role(WRAPPER, "export_statement", "lexical_declaration", "variable_declaration", "variable_declarator",
                "expression_statement", "assignment_expression", "pair");
        skipFields("name", "property", "parameters", "kind", "operator", "source", "label", "decorator");
        if (ts) {
            type("class", true, false, "abstract_class_declaration");
            type("interface", true, false, "interface_declaration");
            type("enum", true, false, "enum_declaration");
            role(SCOPE, "internal_module", "module");
            role(WRAPPER, "public_field_definition", "ambient_declaration");
            role(SKIP, "type_identifier", "predefined_type", "type_annotation", "type_parameters",
                    "type_arguments", "type_alias_declaration", "interface_body", "enum_body",
                    "method_signature", "abstract_method_signature", "index_signature", "accessibility_modifier");
            // an overload's signature (`export function f(a: string): T;`) is a region of its own kind,
            // which the chunker joins to the function's body that follows it
            opaqueFunction("function_signature");
            signatures = symbolSet("function_signature");
            skipFields("type", "type_parameters", "return_type", "type_arguments");
            binders = symbolSet("variable_declarator", "assignment_expression", "pair", "public_field_definition",
                    "export_statement");
        } else {
            role(WRAPPER, "field_definition");
            binders = symbolSet("variable_declarator", "assignment_expression", "pair", "field_definition",
                    "export_statement");
            signatures = new boolean[0]; // JavaScript has no signatures without a body
        }
        // Only the fields that can hold a function or a class are followed: this spares turning
        // names, operators and punctuation into nodes (the walk's main cost).
        follow("member_expression", false, "object");
        follow("call_expression", false, "function", "arguments");
        follow("new_expression", false, "constructor", "arguments");
        follow("variable_declarator", false, "value");
        follow("assignment_expression", false, "right");
        follow("augmented_assignment_expression", false, "right");
        follow("binary_expression", false, "left", "right");
        follow("unary_expression", false, "argument");
        follow("subscript_expression", false, "object", "index");
        follow("ternary_expression", false, "condition", "consequence", "alternative");
        follow("pair", false, "value");
        follow("if_statement", false, "condition", "consequence", "alternative");
        follow("for_statement", false, "initializer", "body");
        follow("for_in_statement", false, "right", "body");
        follow("while_statement", false, "condition", "body");
        follow("do_statement", false, "body", "condition");
        follow("try_statement", false, "body", "handler", "finalizer");
        follow("catch_clause", false, "body");
        follow("finally_clause", false, "body");
        follow("switch_statement", false, "value", "body");
        follow("labeled_statement", false, "body");
        for (String fn : new String[] {"function_declaration", "generator_function_declaration", "function_expression",
                "generator_function", "arrow_function", "method_definition", "class_declaration", "class"}) {
            follow(fn, false, "body");
        }
        follow("export_statement", false, "declaration", "value");
        follow(ts ? "public_field_definition" : "field_definition", false, "value");
        role(SKIP, "update_expression", "object_pattern", "array_pattern");
        if (ts) {
            follow("abstract_class_declaration", false, "body");
            follow("internal_module", false, "body");
            follow("module", false, "body");
        }
        if (id.equals("tsx") || id.equals("javascript")) {
            role(SKIP, "jsx_text");
        }
    }

    private static TSLanguage load(String id) {
        switch (id) {
            case "javascript":
                return new TreeSitterJavascript();
            case "typescript":
                return new TreeSitterTypescript();
            default:
                // The TSX grammar is its own artifact (io.github.bonede:tree-sitter-tsx); without it
                // TSX is parsed as TypeScript, and JSX becomes error nodes that are skipped.
                try {
                    return (TSLanguage) Class.forName("org.treesitter.TreeSitterTsx").getConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    return new TreeSitterTypescript();
                }
        }
    }

    @Override
    boolean countsFunction(Walk w, TSNode node, int symbol, Frame parent, int field) {
        if (!in(functionExpressions, symbol)) {
            return true;
        }
        if (in(operands, parent.symbol)) {
            // a function with its own name inside an operator (axios: `export default isHttpAdapterSupported &&
            // function httpAdapter(config) {…}`, 525 lines that had no symbol; a trial) is a definition of that name;
            // an anonymous one there stays a value
            return !w.text(Natives.child(node, nameField)).isEmpty();
        }
        return in(binders, parent.symbol) && (field == valueField || field == rightField);
    }

    @Override
    boolean isSignature(int symbol) {
        return in(signatures, symbol);
    }

    @Override
    String functionKind(int symbol, String name, Frame owner) {
        return isSignature(symbol) ? ChunkAssembler.SIGNATURE : super.functionKind(symbol, name, owner);
    }

    @Override
    String functionName(Walk w, TSNode node, int symbol, Frame parent) {
        if (in(functionExpressions, symbol)) {
            String own = w.text(Natives.child(node, nameField));
            return in(operands, parent.symbol) ? own : boundName(binderName(w, parent), own);
        }
        return w.text(Natives.child(node, nameField));
    }

    /**
     * The name of a function bound to {@code binder} ({@code res.cookie}, {@code exports.parse}):
     * its own name when the binder says only that it is exported ({@code module.exports = function
     * createApplication() …}); {@code Foo.prototype.bar} is {@code Foo.bar}; {@code obj['x']} is
     * {@code obj.x}.
     */
    static String boundName(String binder, String own) {
        if (!own.isEmpty() && (binder.equals("module.exports") || binder.equals("exports") || binder.equals("default")
                || binder.isEmpty())) {
            return own;
        }
        String name = SUBSCRIPT.matcher(binder).replaceAll(".$1");
        return name.replace(".prototype.", ".");
    }

    private static final java.util.regex.Pattern SUBSCRIPT =
            java.util.regex.Pattern.compile("\\[\\s*['\"]([\\p{L}_$][\\p{L}\\p{N}_$]*)['\"]\\s*\\]");

    @Override
    String typeName(Walk w, TSNode node, int symbol, Frame parent) {
        String name = w.text(Natives.child(node, nameField));
        return name.isEmpty() && in(binders, parent.symbol) ? binderName(w, parent) : name;
    }

    private String binderName(Walk w, Frame binder) {
        if (binder.symbol == exportStatement) {
            return "default";
        }
        TSNode n = binder.node;
        TSNode name = Natives.child(n, nameField);
        if (name == null) {
            name = Natives.child(n, leftField);
        }
        if (name == null) {
            name = Natives.child(n, keyField);
        }
        if (name == null) {
            name = Natives.child(n, propertyField);
        }
        return w.text(name);
    }

    @Override
    boolean isConstructor(String name, String typeName) {
        return name.equals("constructor");
    }
}
