package dev.codeindex.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InnerDefinitionsTest {
    private static List<String> names(String language, String symbol, String text) {
        return List.copyOf(InnerDefinitions.of(language, text, symbol));
    }

    @Test
    void javascript_helpers_declared_or_bound_inside_a_function_are_named() {
        String express = """
                function sendfile(res, file, options, callback) {
                  var done = false;
                  function ondirectory() {
                    if (done) return;
                    callback(new Error('EISDIR, read'));
                  }
                  var onfinish = function onfinish(err) { done = true; };
                  const startBuffer = () => { return []; };
                  let emitError = async err => callback(err);
                  var total = count(file) + 1;
                  file.on('directory', ondirectory);
                }
                """;
        assertEquals(List.of("ondirectory", "onfinish", "startbuffer", "emiterror"),
                names("javascript", "sendfile", express));
    }

    @Test
    void typescript_bindings_with_types_and_nested_parentheses_are_named() {
        String rxjs = """
                export function sequenceEqual<T>(compareTo: ObservableInput<T>): MonoTypeOperatorFunction<boolean> {
                  return operate((source, subscriber) => {
                    const createSubscriber = (selfState: SequenceState<T>, otherState: SequenceState<T>) => {
                      return createOperatorSubscriber(subscriber, (a: T) => a);
                    };
                    const handler: Handler = (e: Event): void => emit(e);
                    function emitWhenIdle(this: SchedulerAction<unknown>) {}
                  });
                }
                """;
        assertEquals(List.of("emitwhenidle", "createsubscriber", "handler"),
                names("typescript", "sequenceEqual", rxjs));
    }

    @Test
    void values_that_are_not_functions_and_the_chunks_own_name_are_not_definitions() {
        String js = """
                function build(a) {
                  const total = (a + 1) * 2;
                  let name = a.name;
                  var fn = a.fn;
                  return build(total);
                }
                """;
        assertEquals(List.of(), names("javascript", "Builder.build", js));
    }

    @Test
    void python_nested_functions_and_classes_are_named() {
        String py = """
                def define(maybe_cls=None, *, these=None):
                    def do_it(cls, auto_attribs):
                        return attrs(maybe_cls=cls)

                    async def wrap(cls):
                        class Inner:
                            pass
                        return do_it(cls, True)
                    return wrap
                """;
        assertEquals(List.of("do_it", "wrap", "inner"), names("python", "define", py));
    }

    @Test
    void rust_inner_functions_and_go_closures_are_named() {
        String rust = """
                pub fn seed_from_u64(mut state: u64) -> Self {
                    fn pcg32(state: &mut u64) -> [u8; 4] {
                        *state = state.wrapping_mul(MUL);
                        [0; 4]
                    }
                    fn helper<T>(x: T) {}
                    let f = |x| x + 1;
                }
                """;
        assertEquals(List.of("pcg32", "helper"), names("rust", "SeedableRng.seed_from_u64", rust));
        String go = """
                func (t *Tree) walk(visit func(n *Node)) {
                	var step func(n *Node)
                	descend := func(n *Node) { step(n) }
                	var leave = func(n *Node) {}
                	x := fn(1)
                }
                """;
        assertEquals(List.of("descend", "leave"), names("go", "Tree.walk", go));
    }

    @Test
    void languages_whose_parsers_name_every_definition_have_none() {
        assertEquals(Set.of(), InnerDefinitions.of("java", "void run() { class Local {} Runnable r = () -> {}; }", "A.run"));
        assertEquals(Set.of(), InnerDefinitions.of("c", "static int f(void) { return g(); }", "f"));
        assertEquals(Set.of(), InnerDefinitions.of(null, "function a() {}", ""));
        assertEquals(Set.of(), InnerDefinitions.of("javascript", "", ""));
    }

    @Test
    void a_generated_file_gives_at_most_the_bound() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append("function f").append(i).append("() {}\n");
        }
        Set<String> got = InnerDefinitions.of("javascript", sb.toString(), "");
        assertEquals(InnerDefinitions.MAX_NAMES, got.size());
        assertTrue(got.contains("f0"));
    }

    @Test
    void an_unclosed_parameter_list_is_no_definition() {
        // the patterns' repetitions are bounded and unambiguous: this ends at once rather than backtracking
        assertEquals(Set.of(), InnerDefinitions.of("javascript", "const f = (" + "a, (b), ".repeat(20_000), ""));
    }
}
