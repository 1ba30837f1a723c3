package dev.codeindex.chunk.treesitter;

import static dev.codeindex.chunk.treesitter.TreeSitterTesting.counts;
import static dev.codeindex.chunk.treesitter.TreeSitterTesting.describe;
import static dev.codeindex.chunk.treesitter.TreeSitterTesting.fixture;
import static dev.codeindex.chunk.treesitter.TreeSitterTesting.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codeindex.chunk.Structure;
import org.junit.jupiter.api.Test;

/** Regions and counts per language, on small fixtures under src/test/resources/fixtures/treesitter. */
class TreeSitterLanguagesTest {

    @Test
    void javascript_counts_named_and_bound_functions_but_not_callbacks() throws Exception {
        Structure s = parse("javascript", fixture("sample.js"));
        // top, nested, constructor, render, onClick, handler, helper; not: returned arrow, map/describe/it callbacks
        assertEquals("functions=7 classes=2 imports=1", counts(s)); // require() is not an import statement
        assertEquals("""
                4-7 function top
                9-11 class Widget
                12-14 constructor Widget.constructor
                16-18 method Widget.render
                20-22 method Widget.onClick
                25-27 function handler
                29-29 function module.exports.helper
                34-34 class Plain""", describe(s));
    }

    @Test
    void functions_assigned_to_names_are_definitions_named_as_callers_call_them() throws Exception {
        String js = """
                res.cookie = function (name, value) { return this; };
                exports.parse = function parse(str) { return {}; };
                module.exports = function createApplication() { return 1; };
                Router.prototype.route = function route(path) { return path; };
                app['handle'] = function (req) { return req; };
                const f = () => 2;
                export const g = function () { return 3; };
                module.exports.h = async (x) => x;
                """;
        Structure s = parse("javascript", js);
        assertEquals("""
                1-1 function res.cookie
                2-2 function exports.parse
                3-3 function createApplication
                4-4 function Router.route
                5-5 function app.handle
                6-6 function f
                7-7 function g
                8-8 function module.exports.h""", describe(s));
    }

    /**
     * axios exports its adapter as {@code export default isHttpAdapterSupported && function httpAdapter(config)}:
     * 525 lines that had no symbol, so no look-up found it and no line of it had an enclosing definition (a
     * trial). A function with its own name inside an operator is a definition; an anonymous one stays a value.
     */
    @Test
    void a_named_function_inside_an_operator_is_a_definition_of_its_name() throws Exception {
        String js = """
                export default isSupported && function httpAdapter(config) {
                  return wrap(config);
                };
                const pick = useFast ? function fastPick(a) { return a; } : slowPick;
                const anon = fallback || function () { return 0; };
                const grouped = (function build(x) { return x; });
                """;
        Structure s = parse("javascript", js);
        assertEquals("""
                1-3 function httpAdapter
                4-4 function fastPick
                6-6 function build""", describe(s));
    }

    /**
     * A form feed (a page break, in 130 of Open vSwitch's 547 C files) before top-level macro calls: tree-sitter's C
     * grammar recovered into an error to the end of the file, and every function after lost its name (a trial:
     * 6,287 functions in Open vSwitch's lib/ where there are 7,527). The parser reads it as the space it is.
     */
    @Test
    void c_after_a_form_feed_keeps_its_functions() throws Exception {
        String c = "void\nf(int s)\n{\n    g(s);\n}\n\f\n/* a */\n\n/* b */\nFOO((int) A == B);\nFOO((int) C == D);\n"
                + "FOO((int) E == F);\n\nint\nzzprobe2(int y)\n{\n    return y;\n}\n";
        String described = describe(parse("c", c));
        assertTrue(described.contains("14-18 function zzprobe2"), described);
        assertTrue(described.contains("1-5 function f"), described);
    }

    /**
     * A macro taking a type ({@code ALIGNED_CAST(ovs_be16 *, p)}) in an if/else: tree-sitter recovered by running the
     * function's body over the functions after it (a trial: pop_eth covered 1,600 lines, and later lines were credited
     * to it). C has no nested functions: one the body holds is a function of its own, and the outer one ends before it.
     */
    @Test
    void c_functions_a_parse_error_swallowed_are_functions_of_their_own() throws Exception {
        String c = """
                void
                pop_eth(struct dp_packet *packet)
                {
                    char *l2_5 = dp_packet_l2_5(packet);
                    if (l2_5) {
                        ethertype = *(ALIGNED_CAST(ovs_be16 *, (l2_5 - 2)));
                    } else {
                        ethertype = *(ALIGNED_CAST(ovs_be16 *, (l3 - 2)));
                    }
                    dp_packet_resize_l2(packet, -increment);
                }

                /* Returns y. */
                int
                zzprobe(int y)
                {
                    return y;
                }
                """;
        Structure s = parse("c", c);
        assertEquals("""
                1-11 function pop_eth
                13-18 function zzprobe""", describe(s), "each with its own doc comment (review)");
        assertEquals("functions=2 classes=0 imports=0", counts(s));

        // C++ macros read as nested definitions in a body with an error stay the method's (a review: BOOST_FOREACH)
        String cpp = """
                void Widget::paint() {
                    int a = 1 +;
                    BOOST_FOREACH(int x, v) {
                        draw(x);
                    }
                    finish();
                }
                """;
        assertEquals("functions=1 classes=0 imports=0", counts(parse("cpp", cpp)), describe(parse("cpp", cpp)));
    }

    @Test
    void typescript_counts_interfaces_and_enums_as_classes_and_not_signatures_as_functions() throws Exception {
        Structure s = parse("typescript", fixture("sample.ts"));
        // origin, constructor, area; not: the ambient declaration (a signature region), the abstract method
        assertEquals("functions=3 classes=3 imports=2", counts(s));
        assertEquals("""
                4-6 interface Shape
                8-8 enum Color
                10-10 signature ambient
                13-15 function Geometry.origin
                18-20 class Square
                21-23 constructor Square.constructor
                25-27 method Square.area""", describe(s));
    }

    private static boolean tsxGrammarPresent() {
        try {
            Class.forName("org.treesitter.TreeSitterTsx");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void tsx_components_are_functions() throws Exception {
        assumeTrue(tsxGrammarPresent(), "needs io.github.bonede:tree-sitter-tsx on the classpath");
        Structure s = parse("tsx", fixture("sample.tsx"));
        assertEquals("functions=3 classes=0 imports=1", counts(s));
        assertEquals("2-5 function App\n6-6 function Button", describe(s));
    }

    @Test
    void tsx_without_its_grammar_falls_back_to_typescript_and_still_finds_structure() throws Exception {
        Structure s = parse("tsx", fixture("sample.tsx"));
        assertTrue(describe(s).startsWith("2-5 function App"), describe(s));
    }

    @Test
    void go_methods_are_qualified_by_receiver_and_struct_types_are_classes() throws Exception {
        Structure s = parse("go", fixture("sample.go"));
        // Dist, New (not the func literal); Point, Shape, local (not ID); two import declarations
        assertEquals("functions=2 classes=3 imports=2", counts(s));
        assertEquals("""
                9-11 struct Point
                13-15 interface Shape
                19-22 method Point.Dist
                24-27 function New""", describe(s));
    }

    @Test
    void rust_impl_blocks_own_their_methods() throws Exception {
        Structure s = parse("rust", fixture("sample.rs"));
        // double, fmt, helper, new, it_works (not the trait's bodiless area, not the closure)
        assertEquals("functions=5 classes=3 imports=3", counts(s));
        assertEquals("""
                6-8 struct Point
                10-10 enum Kind
                12-13 trait Area
                14-16 method Area.double
                19-19 impl Point
                20-24 method Point.fmt
                27-27 impl Wrapper
                28-28 method Wrapper.new
                34-34 function tests.it_works""", describe(s));
    }

    @Test
    void c_types_need_a_body_and_items_sharing_a_line_do_not_overlap() throws Exception {
        Structure s = parse("c", fixture("sample.c"));
        // add, make, make, f, g, h; point, its anonymous inner struct, value_t, color, u
        assertEquals("functions=6 classes=5 imports=2", counts(s));
        assertEquals("""
                4-7 struct point
                9-11 struct value_t
                13-13 enum color
                14-14 type u
                17-20 function add
                23-23 function make
                25-25 function make
                27-27 function f
                28-28 function g""", describe(s)); // h shares g's line: dropped, not overlapped
    }

    @Test
    void cpp_methods_are_qualified_by_namespace_and_class() throws Exception {
        Structure s = parse("cpp", fixture("sample.cpp"));
        // Shape(), ~Shape() = default, sides, Shape::draw, twice, c_entry; not: the lambda, the draw() prototype
        assertEquals("functions=6 classes=2 imports=1", counts(s));
        assertEquals("""
                5-6 class geo.Shape
                7-7 constructor geo.Shape.Shape
                8-8 method geo.Shape.~Shape
                9-9 method geo.Shape.sides
                15-17 method geo.Shape.draw
                19-20 function geo.twice
                22-22 struct geo.Plain
                26-26 function c_entry""", describe(s));
    }

    @Test
    void cpp_out_of_class_constructors_and_operators_are_named() throws Exception {
        String src = "Foo::Foo() {}\nns::Foo<T>::~Foo() {}\nbool operator==(const A& a, const A& b) { return true; }\n";
        assertEquals("1-1 constructor Foo.Foo\n2-2 method ns.Foo.~Foo\n3-3 function operator==",
                describe(parse("cpp", src)));
    }

    @Test
    void c_definitions_are_found_even_when_the_root_is_an_error() throws Exception {
        // tree-sitter gives up on the file as a whole (the root is ERROR) but keeps the function
        String src = "#include <a.h>\nint ok(void)\n{\n\treturn 0;\n}\n}}} ))) (((\n";
        Structure s = parse("c", src);
        assertEquals("functions=1 classes=0 imports=1", counts(s));
        assertEquals("2-5 function ok", describe(s));
    }

    @Test
    void a_type_whose_members_share_its_first_line_has_no_header() throws Exception {
        assertEquals("1-1 method A.f\n2-2 method A.g",
                describe(parse("javascript", "class A { f() {}\n  g() {} }\n")));
    }
}
