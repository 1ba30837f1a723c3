package dev.codeindex.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.chunk.python.PythonStructureParser;
import dev.codeindex.chunk.treesitter.TreeSitterParsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A doc comment belongs to the definition below it, across blank lines and attributes: real parsers
 * (JavaParser, tree-sitter, the Python scanner) on files written to a temporary directory.
 */
class DocCommentAttachmentTest {
    @TempDir
    Path dir;

    private static SourceChunker chunker() {
        Map<String, StructureParser> parsers = new HashMap<>();
        parsers.put("java", new JavaStructureParser());
        for (String lang : List.of("javascript", "typescript", "go", "rust", "c", "cpp")) {
            parsers.put(lang, TreeSitterParsers.forLanguage(lang));
        }
        parsers.put("python", new PythonStructureParser(TreeSitterParsers.forLanguage("python")));
        return new SourceChunker(ChunkLimits.DEFAULT, parsers, 2_000_000);
    }

    private List<Chunk> chunks(String name, String language, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        ChunkResult r = chunker().chunk(new SourceFile(name, language, Files.readString(file)));
        assertFalse(r.parseFallback(), name + " parsed");
        return r.chunks();
    }

    private static Chunk bySymbol(List<Chunk> chunks, String symbol) {
        return chunks.stream().filter(c -> c.symbol().equals(symbol)).findFirst()
                .orElseThrow(() -> new AssertionError("no chunk " + symbol + " in " + describe(chunks)));
    }

    private static String describe(List<Chunk> chunks) {
        return chunks.stream().map(c -> c.startLine() + "-" + c.endLine() + " " + c.kind() + " " + c.symbol()).toList()
                .toString();
    }

    /** No chunk is made of comment lines alone: each comment went to the definition it describes. */
    private static void noCommentOnlyChunk(List<Chunk> chunks, String... commentStarts) {
        for (Chunk c : chunks) {
            boolean onlyComment = c.text().lines().map(String::strip).filter(l -> !l.isEmpty())
                    .allMatch(l -> List.of(commentStarts).stream().anyMatch(l::startsWith));
            assertFalse(onlyComment, "comment-only chunk " + c.startLine() + "-" + c.endLine() + " in " + describe(chunks));
        }
    }

    @Test
    void a_jsdoc_block_above_an_assigned_function_belongs_to_it_across_a_blank_line() throws IOException {
        String js = """
                'use strict';

                /**
                 * Set cookie `name` to `value`, with the given `options`.
                 *
                 * @param {String} name
                 * @public
                 */

                res.cookie = function (name, value, options) {
                  return this;
                };

                /**
                 * Parse the given cookie header string.
                 */

                function parse(str) {
                  return {};
                }
                """;
        List<Chunk> chunks = chunks("response.js", "javascript", js);
        Chunk cookie = bySymbol(chunks, "res.cookie");
        assertEquals(3, cookie.startLine(), describe(chunks));
        assertTrue(cookie.text().contains("Set cookie") && cookie.text().contains("res.cookie = function"));
        assertEquals(14, bySymbol(chunks, "parse").startLine(), describe(chunks));
        noCommentOnlyChunk(chunks, "/**", "*", "*/");
    }

    @Test
    void javadoc_joins_its_method_across_a_blank_line_and_annotations_and_leaves_the_class_header() throws IOException {
        String java = """
                package p;

                /**
                 * Keeps accounts.
                 */

                public class Ledger {
                    private int total;

                    /**
                     * Adds an amount to the total.
                     */

                    @Deprecated
                    // kept for old callers
                    @SuppressWarnings("unused")
                    public int add(int amount) {
                        return total += amount;
                    }
                }
                """;
        List<Chunk> chunks = chunks("Ledger.java", "java", java);
        Chunk header = bySymbol(chunks, "Ledger");
        assertEquals(3, header.startLine(), "the class Javadoc, across a blank line: " + describe(chunks));
        assertFalse(header.text().contains("Adds an amount"), "the method's Javadoc is not in the class header");
        Chunk add = bySymbol(chunks, "Ledger.add");
        assertEquals(10, add.startLine(), describe(chunks));
        assertTrue(add.text().startsWith("    /**\n     * Adds an amount"));
    }

    @Test
    void a_typescript_method_keeps_its_doc_and_its_decorators_even_one_spread_over_lines() throws IOException {
        String ts = """
                /**
                 * A controller.
                 */
                @Component({
                  selector: 'app-users',
                })
                export class Users {
                  /**
                   * Lists the users.
                   */

                  @Get()
                  list(req: Request) {
                    return req;
                  }
                }
                """;
        List<Chunk> chunks = chunks("users.ts", "typescript", ts);
        assertEquals(1, bySymbol(chunks, "Users").startLine(), describe(chunks));
        Chunk list = bySymbol(chunks, "Users.list");
        assertEquals(8, list.startLine(), describe(chunks));
        assertTrue(list.text().contains("@Get()") && list.text().contains("Lists the users."));
        assertFalse(bySymbol(chunks, "Users").text().contains("Lists the users."));
    }

    @Test
    void rust_doc_lines_join_the_item_across_attributes_and_a_blank_line() throws IOException {
        String rs = """
                use std::io;

                /// Adds one.

                #[inline]
                #[cfg_attr(
                    feature = "fast",
                    must_use
                )]
                pub fn add_one(x: i32) -> i32 {
                    x + 1
                }

                /// A point.
                #[derive(Debug)]
                struct Point { x: i32 }
                """;
        List<Chunk> chunks = chunks("lib.rs", "rust", rs);
        assertEquals(3, bySymbol(chunks, "add_one").startLine(), describe(chunks));
        assertEquals(14, bySymbol(chunks, "Point").startLine(), describe(chunks));
        noCommentOnlyChunk(chunks, "///", "#[");
    }

    @Test
    void a_rust_impl_header_joins_its_first_function_and_is_no_chunk_of_its_own() throws IOException {
        String rs = """
                pub struct Chain<T, U> { a: T, b: U }

                /// Building and taking apart.
                impl<T, U> Chain<T, U> {
                    /// Creates a new chain.
                    pub fn new(a: T, b: U) -> Chain<T, U> {
                        Chain { a, b }
                    }

                    /// Consumes this Chain, returning the underlying values.
                    pub fn into_inner(self) -> (T, U) {
                        (self.a, self.b)
                    }
                }

                impl<T: Buf, U: Buf> Buf for Chain<T, U>
                where
                    T: Send,
                {
                    type Item = u8;

                    fn remaining(&self) -> usize {
                        self.a.remaining() + self.b.remaining()
                    }
                }

                impl<T: Send, U: Send> Send for Chain<T, U> {}
                """;
        List<Chunk> chunks = chunks("chain.rs", "rust", rs);
        Chunk first = bySymbol(chunks, "Chain.new");
        assertEquals(3, first.startLine(), describe(chunks));
        assertEquals("method", first.kind());
        assertTrue(first.text().contains("impl<T, U> Chain<T, U> {") && first.text().contains("Building and taking apart."));
        assertEquals(10, bySymbol(chunks, "Chain.into_inner").startLine(), describe(chunks));
        Chunk remaining = bySymbol(chunks, "Chain.remaining");
        assertEquals(16, remaining.startLine(), describe(chunks));
        assertTrue(remaining.text().contains("where") && remaining.text().contains("type Item = u8;"));
        List<Chunk> impls = chunks.stream().filter(c -> c.kind().equals("impl")).toList();
        assertEquals(1, impls.size(), "only the impl without functions stands alone: " + describe(chunks));
        assertEquals(27, impls.get(0).startLine(), describe(chunks));
        assertEquals(1, bySymbol(chunks, "Chain").startLine(), "the struct keeps its own chunk");
    }

    @Test
    void typescript_overload_signatures_and_their_doc_start_the_chunk_of_the_function_body() throws IOException {
        String ts = """
                import { Observable } from './Observable';

                /**
                 * Combines the latest values of each input.
                 */
                export function combineLatest<A>(a: A): Observable<A>;
                export function combineLatest<A, B>(a: A, b: B): Observable<[A, B]>;
                export function combineLatest(...args: any[]): Observable<any> {
                  return build(args);
                }

                export function build(args: any[]): Observable<any> {
                  return new Observable(args);
                }

                declare function external(x: number): string;
                """;
        Path file = dir.resolve("combineLatest.ts");
        Files.writeString(file, ts);
        ChunkResult r = chunker().chunk(new SourceFile("combineLatest.ts", "typescript", Files.readString(file)));
        assertFalse(r.parseFallback());
        List<Chunk> chunks = r.chunks();
        Chunk combine = bySymbol(chunks, "combineLatest");
        assertEquals(3, combine.startLine(), describe(chunks));
        assertEquals(10, combine.endLine(), describe(chunks));
        assertEquals("function", combine.kind());
        assertTrue(combine.text().contains("Combines the latest values") && combine.text().contains("b: B")
                && combine.text().contains("return build(args);"));
        assertEquals(1, chunks.stream().filter(c -> c.symbol().equals("combineLatest")).count(), describe(chunks));
        assertEquals(12, bySymbol(chunks, "build").startLine(), describe(chunks));
        assertEquals("signature", bySymbol(chunks, "external").kind(), "a signature with no body is a chunk of its own");
        assertEquals(2, r.symbols().functions(), "overloads are not functions of their own: " + r.symbols());
    }

    @Test
    void a_c_doc_block_joins_its_function_across_a_blank_line_but_a_licence_header_does_not() throws IOException {
        String c = """
                /**
                 * Copyright (c) 2024 Someone. MIT License.
                 */

                static int first(void) {
                    return 1;
                }

                /**
                 * Adds two numbers.
                 */

                static int add(int a, int b) {
                    return a + b;
                }
                """;
        List<Chunk> chunks = chunks("add.c", "c", c);
        assertEquals(5, bySymbol(chunks, "first").startLine(), "a licence is the file's, not the function's");
        assertEquals(9, bySymbol(chunks, "add").startLine(), describe(chunks));
    }

    @Test
    void plain_comments_across_a_blank_line_stay_where_they_are_and_go_follows_its_own_doc_rule() throws IOException {
        String js = """
                // ---- helpers ----

                function helper() {
                  return 1;
                }
                """;
        List<Chunk> jsChunks = chunks("helpers.js", "javascript", js);
        assertEquals(3, bySymbol(jsChunks, "helper").startLine(), "a section comment is not the function's doc");
        String go = """
                package main

                // Unrelated note about the package.

                // Add adds.
                func Add(a, b int) int {
                	return a + b
                }
                """;
        List<Chunk> goChunks = chunks("add.go", "go", go);
        assertEquals(5, bySymbol(goChunks, "Add").startLine(), "in Go a blank line ends a doc comment: " + describe(goChunks));
    }

    @Test
    void python_comments_and_decorators_above_a_def_are_part_of_it() throws IOException {
        String py = """
                import os

                # Caches the answer.
                @decorator
                # between the decorators
                @other(1)
                def foo():
                    \"\"\"Docstring.\"\"\"
                    return 1
                """;
        List<Chunk> chunks = chunks("m.py", "python", py);
        assertEquals(3, bySymbol(chunks, "foo").startLine(), describe(chunks));
    }
}
