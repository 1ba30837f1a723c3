/**
 * Tree-sitter structure parsers: regions and symbol counts for Python, JavaScript, TypeScript,
 * TSX, Go, Rust, C and C++ ({@link dev.codeindex.chunk.treesitter.TreeSitterParsers}).
 *
 * <h2>Regions</h2>
 * Every function or method definition outside another counted function becomes a region over its
 * lines (decorators, {@code export}, {@code template <…>} and the {@code const x =} of a bound
 * function included), named with its enclosing types and namespaces ("Outer.Inner.method",
 * "Foo.bar" for a Rust {@code impl Foo} or a C++ {@code Foo::bar}, "Receiver.Method" in Go).
 * Kinds: function, method, constructor, class, interface, enum, struct, trait, impl, type.
 * Functions nested in a function are counted but stay inside the outer region. A type whose body
 * holds function regions gets a header region from its first line to the line before its first
 * member region (when that is not empty); a type without them is one region (nested types
 * included). Namespaces and modules qualify names but make no region. Regions never overlap: when
 * two items share a line, the later one starts after the earlier ends, or is dropped. Lines
 * outside regions are the caller's (line windows).
 *
 * <h2>Counting rules</h2>
 * <dl>
 * <dt>Python (exactly as Python's {@code ast})</dt>
 * <dd>functions: every {@code def} and {@code async def} at any depth (methods, nested, decorated),
 * not lambdas. classes: every {@code class} at any depth. imports: every {@code import} and
 * {@code from … import} statement, one per statement ({@code import a, b} is one), including
 * {@code from __future__ import} and imports inside functions, {@code try}, {@code if}.
 * A file Python refuses counts nothing ({@code ParseFailure}, the caller line-chunks it): any
 * ERROR or MISSING node, Python 2 {@code print x} / {@code exec x} statements, an encoding
 * declaration Python rejects. Two tree-sitter quirks are evened out: {@code print >> f, x} is
 * valid Python 3, and {@code from __future__ import *} parses in {@code ast}. Known difference:
 * tree-sitter-python 0.25 rejects a dedent inside brackets (valid Python), so such files fail.</dd>
 * <dt>JavaScript, TypeScript, TSX</dt>
 * <dd>functions: function and generator declarations; methods of classes and object literals
 * (getters, setters, constructors); function, arrow and generator expressions bound to a name:
 * the value of a variable declarator, the right side of an assignment, an object property's value,
 * a class field's initializer, {@code export default}. Not counted: other function expressions and
 * arrow functions (callbacks, IIFEs, returned closures) and bodiless signatures (overloads,
 * {@code declare function}, abstract and interface methods). classes: class declarations and class
 * expressions; in TypeScript also interfaces, enums and abstract classes (not type aliases).
 * imports: import statements (with TypeScript's {@code import x = require()}); not {@code require()}
 * calls, not dynamic {@code import()}. TSX uses the tree-sitter-tsx grammar when it is on the
 * class path, else the TypeScript grammar (JSX then becomes error nodes, skipped).</dd>
 * <dt>Go</dt>
 * <dd>functions: function and method declarations, not function literals. classes: type specs
 * whose type is a struct or an interface, wherever declared; not other named types or aliases.
 * imports: import declarations (a grouped {@code import ( … )} is one).</dd>
 * <dt>Rust</dt>
 * <dd>functions: {@code fn} items with a body anywhere (free, in impls, trait default methods,
 * nested); not bodiless trait method signatures, not closures. classes: struct, enum, union and
 * trait items; impl blocks are not classes but own their methods. imports: {@code use} and
 * {@code extern crate} declarations. Items inside macro invocations are not seen.</dd>
 * <dt>C</dt>
 * <dd>functions: function definitions (with a body) at file level, in preprocessor branches.
 * classes: struct, union and enum specifiers with a body in declarations and typedefs, nested
 * ones included. imports: {@code #include} directives. Function bodies are not entered (C has no
 * nested functions): types declared inside a function body are not counted.</dd>
 * <dt>C++</dt>
 * <dd>As C, plus: class specifiers with a body are classes; function definitions inside class
 * bodies (inline methods, constructors, {@code = default}), namespaces, {@code extern "C"} blocks,
 * templates and friend declarations count; lambdas do not. {@code Foo::bar} defined outside its
 * class is a method named "ns.Foo.bar" ({@code Foo::Foo}: a constructor).</dd>
 * </dl>
 * Outside Python, syntax errors do not fail a file: what lies inside ERROR nodes is neither counted
 * nor made a region, everything else is. When tree-sitter makes the whole file one ERROR node (C
 * with heavy macro use), its well-formed children still count; the file fails only when nothing
 * well-formed is found at all.
 *
 * <h2>Speed</h2>
 * One cursor pass per file collects regions and counts together. With these bindings, turning a
 * cursor position into a node and reading its symbol costs ~3 µs (class and field lookups in JNI on
 * every call), while moving the cursor or reading a field id is cheap; so the walk only
 * materializes children whose field can matter and only descends into node types that can hold
 * definitions (see {@code Spec}). Measured cost over a bare parse: C about +5%, Python about +20%.
 */
package dev.codeindex.chunk.treesitter;
