package dev.codeindex.walk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Language detection by name, extension and shebang; binary detection. */
class LanguagesTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "src/Main.java | java", "a/b.py | python", "t.pyi | python", "x.js | javascript", "x.mjs | javascript",
        "x.cjs | javascript", "x.jsx | javascript", "x.ts | typescript", "x.mts | typescript",
        "x.cts | typescript", "types.d.ts | typescript", "x.tsx | tsx", "main.go | go", "lib.rs | rust",
        "k.c | c", "k.h | c", "a.cc | cpp", "a.cpp | cpp", "a.cxx | cpp", "a.hpp | cpp", "a.hh | cpp",
        "a.hxx | cpp", "a.h++ | cpp", "Prog.cs | csharp", "App.kt | kotlin", "build.gradle.kts | kotlin",
        "A.scala | scala", "b.groovy | groovy", "build.gradle | groovy", "r.rb | ruby", "i.php | php",
        "V.swift | swift", "V.m | objc", "s.sh | shell", "s.bash | shell", "s.zsh | shell", "p.pl | perl",
        "x.lua | lua", "x.R | r", "q.sql | sql", "i.html | html", "s.css | css", "s.scss | scss",
        "README.md | markdown", "p.json | json", "c.yaml | yaml", "c.yml | yaml", "Cargo.toml | toml",
        "pom.xml | xml", "a.proto | protobuf", "m.dart | dart", "M.hs | haskell", "m.ml | ocaml",
        "m.ex | elixir", "m.erl | erlang", "c.clj | clojure", "z.zig | zig", "j.jl | julia", "b.s | assembly",
        "b.S | assembly", "b.asm | assembly", "Makefile | makefile", "sub/GNUmakefile | makefile",
        "Makefile.am | makefile", "tools/build/Makefile.build | makefile", "Kbuild | makefile",
        "x.mk | makefile", "Dockerfile | dockerfile", "Dockerfile.dev | dockerfile", "a.dockerfile | dockerfile",
        "CMakeLists.txt | cmake", "m.cmake | cmake", "BUILD | starlark", "BUILD.bazel | starlark",
        "defs.bzl | starlark", "Gemfile | ruby", "Rakefile | ruby", "Jenkinsfile | groovy", "Kconfig | kconfig",
        "arch/x86/Kconfig.debug | kconfig", "b.dts | devicetree", "b.dtsi | devicetree", "i.rst | rst",
        "notes.txt | text", "LICENSE | text", "weird.unknownext | text", "noext | text", ".bashrc | shell",
        "k.cu | cuda", "f.f90 | fortran", "t.tf | terraform", "x.vue | vue", "x.sv | verilog", "x.C | cpp",
    })
    void detects_language_from_name(String path, String language) {
        assertEquals(language, Languages.detect(path, null, 0));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "#!/usr/bin/env python3 | python", "#!/usr/bin/python3.11 -u | python", "#!/bin/sh | shell",
        "#!/bin/bash -e | shell", "#!/usr/bin/env bash | shell", "#!/usr/bin/env node | javascript",
        "#!/usr/bin/perl -w | perl", "#!/usr/bin/env ruby | ruby", "#!/usr/bin/env -S deno run | typescript",
        "#!/usr/bin/env -S VAR=1 python | python", "#!/usr/bin/env Rscript | r", "#!/bin/zsh | shell",
        "#!/usr/bin/env lua5.4 | lua", "#!/usr/bin/php | php", "#!/usr/bin/make -f | makefile",
        "#!/usr/bin/env unknownthing | text", "#! /bin/sh | shell", "#!/usr/bin/env | text",
        "just text | text", "#!/usr/bin/env python3 | python",
    })
    void detects_language_from_shebang_of_an_extensionless_file(String firstLine, String language) {
        byte[] head = (firstLine + "\nbody\n").getBytes(UTF_8);

        assertEquals(language, Languages.detect("scripts/tool", head, head.length));
    }

    @Test
    void extension_wins_over_shebang() {
        byte[] head = "#!/usr/bin/env python3\n".getBytes(UTF_8);

        assertEquals("shell", Languages.detect("run.sh", head, head.length));
    }

    @Test
    void shebang_beyond_head_length_is_not_read() {
        byte[] head = "#!/bin/sh\n".getBytes(UTF_8);

        assertEquals("text", Languages.detect("tool", head, 1));
    }

    @Test
    void header_with_cpp_constructs_is_cpp_and_a_kernel_header_stays_c() {
        byte[] cpp = "#pragma once\n#include <vector>\nnamespace x {\n}\n".getBytes(UTF_8);
        byte[] templ = "#pragma once\ntemplate <typename T>\nT f(T t);\n".getBytes(UTF_8);
        byte[] c = ("/* network namespace support; see class of devices */\n#include <linux/types.h>\n"
                + "extern \"C\" {\nstruct s { int private; };\n").getBytes(UTF_8);

        assertEquals("cpp", Languages.detect("x.h", cpp, cpp.length));
        assertEquals("cpp", Languages.detect("x.h", templ, templ.length));
        assertEquals("c", Languages.detect("include/linux/x.h", c, c.length));
    }

    @Test
    void language_ids_are_lower_case_and_there_are_at_least_25() {
        Set<String> ids = new HashSet<>(LanguageTable.BY_EXTENSION.values());
        ids.addAll(LanguageTable.BY_NAME.values());
        for (String id : ids) {
            assertEquals(id.toLowerCase(java.util.Locale.ROOT), id);
        }
        assertTrue(ids.size() >= 25, ids.toString());
    }

    @ParameterizedTest
    @CsvSource({"logo.png", "a/b/photo.JPG", "lib.jar", "A.class", "x.o", "libc.a", "libz.so", "z.dll",
        "z.dylib", "app.exe", "doc.pdf", "f.woff2", "s.mp3", "v.mp4", "m.pyc", "data.sqlite", "x.db",
        "a.tar.gz", "a.zip", "w.wasm", "model.onnx"})
    void binary_extensions_are_recognised_by_name(String path) {
        assertTrue(Languages.isBinaryName(path));
    }

    @ParameterizedTest
    @CsvSource({"Main.java", "icon.svg", "README", "Makefile", "x.c", ".gitignore", "archive.", "a.tar.gz.txt"})
    void text_names_are_not_binary(String path) {
        assertFalse(Languages.isBinaryName(path));
    }

    @Test
    void nul_byte_within_the_first_8_kb_means_binary() {
        byte[] head = new byte[10_000];
        java.util.Arrays.fill(head, (byte) 'a');
        head[8191] = 0;

        assertTrue(Languages.looksBinary(head, head.length));
        assertFalse(Languages.looksBinary(head, 8191), "only the valid bytes count");
    }

    @Test
    void nul_byte_after_8_kb_and_utf8_text_are_not_binary() {
        byte[] head = new byte[10_000];
        java.util.Arrays.fill(head, (byte) 'a');
        head[8192] = 0;
        byte[] utf8 = "héllo 日本 😀".getBytes(UTF_8);

        assertFalse(Languages.looksBinary(head, head.length));
        assertFalse(Languages.looksBinary(utf8, utf8.length));
        assertFalse(Languages.looksBinary(null, 0));
    }

    /** Random bytes without a NUL were indexed as Python and filled result lists (a new-user trial). */
    @Test
    void bytes_full_of_control_characters_are_binary_without_a_nul_and_text_with_a_few_is_not() {
        java.util.Random random = new java.util.Random(7);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == 0) {
                noise[i] = 1;
            }
        }
        assertTrue(Languages.looksBinary(noise, noise.length));

        String log = "\u001b[31mERROR\u001b[0m a line\r\n\tindented\f\u000bpage\n".repeat(50) + "\u0007 bell\n";
        byte[] text = log.getBytes(UTF_8);
        assertFalse(Languages.looksBinary(text, text.length), "ESC, tabs, CR, FF and a bell now and then are text");
        // nroff's overstrike (bold is "l\bls\bs"), ISO-2022-KR's shift out and in: text (found in review)
        byte[] manPage = "N\bNA\bAM\bME\bE\n     l\bls\bs - list directory contents\n".repeat(100).getBytes(UTF_8);
        assertFalse(Languages.looksBinary(manPage, manPage.length));
        byte[] iso2022 = "\u001b$)C\n\u000e!!\u000f text \u000e#A\u000f more\n".repeat(100).getBytes(UTF_8);
        assertFalse(Languages.looksBinary(iso2022, iso2022.length));
        byte[] shortControls = {1, 2, 3};
        assertFalse(Languages.looksBinary(shortControls, 3), "too little to tell");
    }
}
