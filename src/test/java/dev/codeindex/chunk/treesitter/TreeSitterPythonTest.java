package dev.codeindex.chunk.treesitter;

import static dev.codeindex.chunk.treesitter.TreeSitterTesting.counts;
import static dev.codeindex.chunk.treesitter.TreeSitterTesting.describe;
import static dev.codeindex.chunk.treesitter.TreeSitterTesting.fixture;
import static dev.codeindex.chunk.treesitter.TreeSitterTesting.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codeindex.chunk.ParseFailure;
import dev.codeindex.chunk.Structure;
import org.junit.jupiter.api.Test;

/** Python counts must equal what Python's ast module counts (numbers checked with python3's ast). */
class TreeSitterPythonTest {

    @Test
    void counts_match_pythons_ast_for_the_fixture() throws Exception {
        // ast: 9 FunctionDef/AsyncFunctionDef, 4 ClassDef, 5 Import/ImportFrom
        assertEquals("functions=9 classes=4 imports=5", counts(parse("python", fixture("sample.py"))));
    }

    @Test
    void async_and_nested_defs_are_functions() throws Exception {
        String src = "async def a():\n    def b():\n        async def c():\n            pass\n    return b\n";
        assertEquals(3, parse("python", src).symbols().functions());
    }

    @Test
    void decorated_defs_and_classes_count_once() throws Exception {
        String src = "@x\n@y(1)\ndef f():\n    pass\n\n@dataclass\nclass C:\n    @staticmethod\n    def s():\n        pass\n";
        assertEquals("functions=2 classes=1 imports=0", counts(parse("python", src)));
    }

    @Test
    void lambdas_are_not_functions() throws Exception {
        String src = "f = lambda x: x\ng = [lambda: 1 for _ in range(2)]\ndef h(k=lambda: 0):\n    return lambda: k\n";
        assertEquals(1, parse("python", src).symbols().functions());
    }

    @Test
    void nested_classes_count_at_any_depth() throws Exception {
        String src = "class A:\n    class B:\n        def m(self):\n            class C:\n                pass\n";
        assertEquals("functions=1 classes=3 imports=0", counts(parse("python", src)));
    }

    @Test
    void every_import_statement_counts_once_wherever_it_is() throws Exception {
        String src = """
                from __future__ import annotations
                import a, b
                from c import (d,
                               e)
                try:
                    import f
                except ImportError:
                    from g import h
                def fn():
                    import i
                    if True:
                        from . import j
                """;
        assertEquals(7, parse("python", src).symbols().imports());
    }

    @Test
    void a_syntax_error_fails_the_file() {
        assertThrows(ParseFailure.class, () -> parse("python", "def f(:\n    pass\n"));
        assertThrows(ParseFailure.class, () -> parse("python", "x = (1,\n"));
    }

    @Test
    void python2_print_statement_fails_the_file_but_print_chevron_is_python3() throws Exception {
        assertThrows(ParseFailure.class, () -> parse("python", "print 'hello'\n"));
        assertThrows(ParseFailure.class, () -> parse("python", "exec 'x = 1'\n"));
        // a shift and a tuple in Python 3: ast accepts it
        assertEquals(0, parse("python", "import sys\nprint >> sys.stderr, 'x'\n").symbols().functions());
    }

    @Test
    void from_future_import_star_parses_as_an_import_like_ast() throws Exception {
        // ast.parse accepts it (only compile() refuses); tree-sitter makes it an ERROR node
        assertEquals("functions=1 classes=0 imports=1",
                counts(parse("python", "from __future__ import *\n\ndef f():\n    pass\n")));
    }

    @Test
    void encoding_declarations_python_rejects_fail_the_file() throws Exception {
        assertThrows(ParseFailure.class, () -> parse("python", "# -*- coding: uft-8 -*-\nx = 1\n"));
        assertThrows(ParseFailure.class, () -> parse("python", "\uFEFF#coding: latin-1\nx = 1\n"));
        assertEquals(1, parse("python", "\uFEFF# coding: utf-8\nimport os\n").symbols().imports());
        assertEquals(1, parse("python", "#!/usr/bin/env python\n# vim: set fileencoding=latin-1 :\nimport os\n")
                .symbols().imports());
    }

    @Test
    void regions_are_top_level_defs_class_headers_and_qualified_methods() throws Exception {
        Structure s = parse("python", fixture("sample.py"));
        assertEquals("""
                15-19 function decorator
                22-28 function fetch
                31-35 class Outer
                36-36 class Outer.Inner
                37-40 method Outer.Inner.method
                42-43 constructor Outer.__init__
                45-47 method Outer.value
                50-51 method Outer.conditional
                54-56 class Empty
                61-62 function in_case""", describe(s));
    }

    @Test
    void a_class_without_methods_is_one_region_including_nested_classes() throws Exception {
        String src = "class M:\n    a = 1\n    class Meta:\n        b = 2\n    c = 3\n";
        assertEquals("1-5 class M", describe(parse("python", src)));
    }
}
