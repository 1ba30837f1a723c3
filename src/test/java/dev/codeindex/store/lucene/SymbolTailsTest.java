package dev.codeindex.store.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolTailsTest {
    @Test
    void a_python_function_answers_to_its_module_path() {
        assertEquals(List.of("utils.parseaddr", "email.utils.parseaddr", "py.email.utils.parseaddr"),
                SymbolTails.of("py/email/utils.py", "parseaddr"));
        assertEquals(List.of("json.dumps"), SymbolTails.of("json/__init__.py", "dumps"));
    }

    @Test
    void a_java_member_answers_to_its_classes_and_package_without_repeating_the_file_name() {
        assertEquals(List.of("node.next", "hashmap.node.next", "util.hashmap.node.next", "java.util.hashmap.node.next"),
                SymbolTails.of("java/util/HashMap.java", "HashMap.Node.next"));
    }

    @Test
    void plain_line_windows_have_no_names() {
        assertEquals(List.of(), SymbolTails.of("README.md", ""));
        assertEquals(List.of("x.f"), SymbolTails.of("x.py", "f"));
    }
}
