package dev.codeindex.chunk.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.codeindex.chunk.Region;
import dev.codeindex.chunk.Structure;
import dev.codeindex.chunk.SymbolStats;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PythonScannerTest {
    private static Structure scan(String src) {
        Structure s = PythonScanner.scan(src);
        assertNotNull(s, "the scanner should be sure about:\n" + src);
        return s;
    }

    @Test
    void counts_defs_classes_and_imports_where_statements_start() {
        String src = """
                from __future__ import annotations
                import os, sys
                import a; import b
                if True: import c
                s = "def not_a_function(): import x"
                t = '''
                class NotAClass:
                    def nope(self): pass
                '''
                f = lambda x: x  # lambdas are not functions
                x = (1 +
                     2)  # def in comment
                y = 1 + \\
                    2

                @decorator
                @other(arg=1)
                async def fetch():
                    def inner():
                        class Local:
                            def m(self):
                                from . import z
                    return inner

                class Outer:
                    class Inner:
                        def method(self): return 1
                    def __init__(self):
                        pass
                """;
        Structure s = scan(src);
        assertEquals(new SymbolStats(5, 3, 6), s.symbols()); // fetch, inner, m, method, __init__
        assertEquals(List.of(
                new Region(16, 23, "fetch", "function"),
                new Region(25, 25, "Outer", "class"),
                new Region(26, 26, "Outer.Inner", "class"),
                new Region(27, 27, "Outer.Inner.method", "method"),
                new Region(28, 29, "Outer.__init__", "constructor")), s.regions().stream()
                .sorted(java.util.Comparator.comparingInt(Region::startLine)).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "print 'hello'\n",
            "exec code\n",
            "x = `1`\n",
            "if a <> b:\n    pass\n",
            "x = 0777\n",
            "s = ur'x'\n",
            "try:\n    pass\nexcept ValueError, e:\n    pass\n",
            "def f(:\n",
            "x = (1,\n",
            "s = 'unterminated\n",
            "t = '''never closed\n",
            "  indented = 1\n",
            "if x:\npass\n",
            "if x:\n        a = 1\n    b = 2\n",
            "# -*- coding: latin-1 -*-\nx = 1\n",
            "@decorator\nx = 1\n",
            "x = 1 $ 2\n"})
    void gives_up_on_what_python_might_refuse(String src) {
        assertNull(PythonScanner.scan(src));
    }

    @Test
    void is_sure_about_utf8_cookies_crlf_and_print_as_a_function() {
        assertEquals(new SymbolStats(1, 0, 1), scan("# -*- coding: utf-8 -*-\r\nimport os\r\ndef f():\r\n    print('x')\r\n").symbols());
        assertEquals(new SymbolStats(0, 0, 0), scan("print >>sys.stderr, 'x'\n" .replace(">>sys.stderr, 'x'", "('x')")).symbols());
    }

    @Test
    void a_trailing_comment_indented_in_the_block_belongs_to_it() {
        String src = "def f():\n    x = 1\n    # still f\n# not f\ny = 2\n";
        assertEquals(List.of(new Region(1, 3, "f", "function")), scan(src).regions());
    }

    @Test
    void form_feeds_are_whitespace_as_in_cpython_and_the_symbols_are_kept() {
        // as in the standard library's email, json, http and urllib packages: a ^L line between sections
        String src = "import os\n\f\ndef f():\n    return 1\n\f\nclass C:\n    def m(self):\f\n        pass\n"
                + "\f    \n\fdef g(): pass\n";
        Structure s = scan(src);
        assertEquals(new SymbolStats(3, 1, 1), s.symbols()); // f, m, g; C; os
        assertEquals(scan(src.replace("\f", "")).regions(), s.regions(), "the same as without the form feeds");
        assertEquals(new Region(10, 10, "g", "function"), s.regions().get(s.regions().size() - 1));
    }
}
