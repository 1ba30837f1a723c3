package dev.codeindex.chunk.treesitter;

import org.treesitter.TSNode;
import org.treesitter.TreeSitterGo;

/**
 * Go: functions and methods, struct and interface type specs, import declarations. Declarations
 * and statements are visited (local types in function bodies count); expressions, and so the
 * bodies of function literals, are not.
 */
final class GoSpec extends Spec {
    private final int typeSpec;
    private final int typeField;
    private final int receiverField;
    private final int methodDeclaration;

    GoSpec() {
        super("go", new TreeSitterGo(), SKIP);
        typeSpec = symbols("type_spec")[0];
        typeField = field("type");
        receiverField = field("receiver");
        methodDeclaration = symbols("method_declaration")[0];

        role(PLAIN, "source_file", "block", "statement_list", "labeled_statement");
        role(IMPORT, "import_declaration");
        role(FUNCTION, "function_declaration", "method_declaration");
        follow("function_declaration", false, "body");
        follow("method_declaration", false, "body");
        role(WRAPPER, "type_declaration", "type_spec");
        follow("type_spec", false, "type");
        type("struct", true, false, "struct_type");
        type("interface", true, false, "interface_type");
        // statements that hold blocks; expressions (and so function literals) are not entered
        role(PLAIN, "if_statement", "for_statement", "expression_switch_statement", "type_switch_statement",
                "select_statement", "expression_case", "default_case", "type_case", "communication_case");
        follow("if_statement", false, "consequence", "alternative");
        follow("for_statement", false, "body");
        for (String unfieldedOnly : new String[] {"expression_switch_statement", "type_switch_statement",
                "select_statement", "expression_case", "default_case", "type_case", "communication_case",
                "labeled_statement", "type_declaration"}) {
            follow(unfieldedOnly, true);
        }
    }

    /** A struct or interface type is a declaration only as the type of a type spec. */
    @Override
    boolean countsType(Walk w, int symbol, Frame parent, int field) {
        return parent.symbol == typeSpec && field == typeField;
    }

    @Override
    String typeName(Walk w, TSNode node, int symbol, Frame parent) {
        return w.text(Natives.child(parent.node, nameField));
    }

    @Override
    String functionName(Walk w, TSNode node, int symbol, Frame parent) {
        String name = w.text(Natives.child(node, nameField));
        if (symbol != methodDeclaration) {
            return name;
        }
        // receiver: parameter_list > parameter_declaration > type ("*T", "T[K]", "*pkg.T")
        TSNode param = Natives.namedChild(Natives.child(node, receiverField), 0);
        String recv = w.text(Natives.child(param, typeField));
        int bracket = recv.indexOf('[');
        if (bracket >= 0) {
            recv = recv.substring(0, bracket);
        }
        recv = recv.replace("*", "").trim();
        return recv.isEmpty() ? name : recv + "." + name;
    }

    @Override
    String functionKind(int symbol, String name, Frame owner) {
        return symbol == methodDeclaration ? "method" : "function";
    }
}
