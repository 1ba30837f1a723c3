package dev.codeindex.chunk.treesitter;

import dev.codeindex.chunk.ChunkAssembler;
import org.treesitter.TSNode;
import org.treesitter.TreeSitterRust;

/** Rust: fn items anywhere, struct/enum/union/trait items, impl blocks as method owners, use items. */
final class RustSpec extends Spec {
    private final int implItem;
    private final int typeField;

    RustSpec() {
        super("rust", new TreeSitterRust(), PLAIN);
        implItem = symbols("impl_item")[0];
        typeField = field("type");

        role(SKIP, "identifier", "type_identifier", "field_identifier", "primitive_type", "string_literal",
                "raw_string_literal", "char_literal", "integer_literal", "float_literal", "boolean_literal",
                "line_comment", "block_comment", "token_tree", "attribute_item", "inner_attribute_item",
                "macro_definition", "scoped_identifier", "scoped_type_identifier", "lifetime", "self", "crate",
                "super", "metavariable", "visibility_modifier", "mutable_specifier", "function_signature_item",
                "field_declaration_list", "ordered_field_declaration_list", "enum_variant_list", "type_item",
                "parameters", "closure_parameters", "type_arguments", "type_parameters", "where_clause");
        role(IMPORT, "use_declaration", "extern_crate_declaration");
        role(FUNCTION, "function_item");
        type("struct", true, false, "struct_item");
        type("enum", true, false, "enum_item");
        type("type", true, false, "union_item");
        type("trait", true, false, "trait_item");
        type(ChunkAssembler.IMPL, false, false, "impl_item");
        role(SCOPE, "mod_item");
        skipFields("name", "parameters", "return_type", "type_parameters", "type_arguments", "pattern", "trait",
                "bounds", "type", "field", "macro");
    }

    @Override
    String typeName(Walk w, TSNode node, int symbol, Frame parent) {
        if (symbol != implItem) {
            return w.text(Natives.child(node, nameField));
        }
        return simpleType(w.text(Natives.child(node, typeField)));
    }

    /** "P<T>" → "P", "&'a mut foo::Bar<T>" → "foo.Bar". */
    static String simpleType(String t) {
        StringBuilder out = new StringBuilder(t.length());
        int depth = 0;
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (ch == '<' || ch == '[' || ch == '(') {
                depth++;
            } else if (ch == '>' || ch == ']' || ch == ')') {
                depth--;
            } else if (depth == 0) {
                out.append(ch);
            }
        }
        String[] words = out.toString().trim().split("\\s+");
        String last = words[words.length - 1];
        int i = 0;
        while (i < last.length() && (last.charAt(i) == '&' || last.charAt(i) == '*')) {
            i++;
        }
        return last.substring(i).replace("::", ".");
    }
}
