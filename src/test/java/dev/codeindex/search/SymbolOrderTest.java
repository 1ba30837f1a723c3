package dev.codeindex.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codeindex.store.SearchHit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolOrderTest {
    private static SearchHit def(String path, String symbol) {
        return new SearchHit(path, 1, 2, symbol, "python", 1, "");
    }

    private static List<String> order(String identifier, SearchHit... hits) {
        return SymbolOrder.order(identifier, List.of(hits)).stream().map(h -> h.path() + ":" + h.symbol()).toList();
    }

    @Test
    void the_symbol_itself_comes_before_a_symbol_it_is_the_tail_of_and_before_a_namesake() {
        assertEquals(List.of("HashMap.java:HashMap.resize", "Outer.java:Outer.HashMap.resize", "Other.java:Other.resize"),
                order("hashmap.resize", def("Other.java", "Other.resize"), def("Outer.java", "Outer.HashMap.resize"),
                        def("HashMap.java", "HashMap.resize")));
    }

    @Test
    void a_module_qualified_name_prefers_the_definition_in_that_module() {
        assertEquals(List.of("py/email/utils.py:parseaddr", "py/mail/x.py:parseaddr"),
                order("email.utils.parseaddr", def("py/mail/x.py", "parseaddr"), def("py/email/utils.py", "parseaddr")));
    }

    @Test
    void in_the_same_module_a_function_comes_before_a_method_of_that_name() {
        assertEquals(List.of("py/fileinput.py:close", "py/fileinput.py:Input.close"),
                order("fileinput.close", def("py/fileinput.py", "Input.close"), def("py/fileinput.py", "close")));
    }

    @Test
    void a_chunk_that_defines_the_name_inside_itself_comes_after_every_namesake() {
        // the store lists the function that nests a helper "wrap" first; short symbols would otherwise win
        assertEquals(List.of("b.py:Deco.wrap", "a.py:define"),
                order("wrap", def("a.py", "define"), def("b.py", "Deco.wrap")));
    }

    @Test
    void otherwise_the_store_order_is_kept() {
        assertEquals(List.of("b.py:run", "a.py:run"), order("run", def("b.py", "run"), def("a.py", "run")));
    }
}
