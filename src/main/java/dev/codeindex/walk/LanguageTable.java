package dev.codeindex.walk;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The lookup tables behind {@link Languages}: file names, extensions, shebang interpreters and
 * binary extensions. Each table is written as "language: key key …" lines so that a language's
 * keys stay together. Immutable after class initialisation; thread-safe.
 */
final class LanguageTable {
    /** Exact file names (case-sensitive). */
    static final Map<String, String> BY_NAME = table(
            "makefile: Makefile makefile GNUmakefile Kbuild Build",
            "dockerfile: Dockerfile Containerfile",
            "cmake: CMakeLists.txt",
            "starlark: BUILD BUILD.bazel WORKSPACE WORKSPACE.bazel MODULE.bazel BUCK Tiltfile",
            "ruby: Gemfile Rakefile Guardfile Podfile Vagrantfile Brewfile Fastfile Appfile Berksfile",
            "python: SConstruct SConscript",
            "groovy: Jenkinsfile",
            "kconfig: Kconfig",
            "shell: .bashrc .bash_profile .bash_logout .zshrc .zprofile .zshenv .profile",
            "meson: meson.build meson_options.txt",
            "toml: Pipfile",
            "json: .babelrc .eslintrc .prettierrc",
            "text: LICENSE COPYING README AUTHORS CHANGELOG NOTICE");

    /** File-name prefixes before a dot ({@code Makefile.am}, {@code Kconfig.debug}). */
    static final Map<String, String> BY_NAME_PREFIX = table(
            "makefile: Makefile GNUmakefile",
            "dockerfile: Dockerfile Containerfile",
            "kconfig: Kconfig");

    /** Extensions that differ from their lower-case form. */
    static final Map<String, String> BY_EXTENSION_CASED = table(
            "cpp: C H",
            "assembly: S");

    /** Extensions, lower case, without the dot. */
    static final Map<String, String> BY_EXTENSION = table(
            "java: java",
            "python: py pyw pyi",
            "cython: pyx pxd",
            "javascript: js mjs cjs jsx",
            "typescript: ts mts cts",
            "tsx: tsx",
            "go: go",
            "rust: rs",
            "c: c h",
            "cpp: cc cpp cxx c++ hpp hh hxx h++ ipp tpp inl ino",
            "cuda: cu cuh",
            "csharp: cs csx",
            "fsharp: fs fsi fsx",
            "vbnet: vb",
            "kotlin: kt kts",
            "scala: scala sc sbt",
            "groovy: groovy gvy gradle",
            "ruby: rb rake gemspec ru",
            "php: php phtml",
            "swift: swift",
            "objc: m",
            "objcpp: mm",
            "shell: sh bash zsh ksh fish",
            "powershell: ps1 psm1 psd1",
            "batch: bat cmd",
            "perl: pl pm t pod",
            "lua: lua",
            "r: r rmd",
            "sql: sql",
            "html: html htm xhtml",
            "css: css",
            "scss: scss",
            "sass: sass",
            "less: less",
            "vue: vue",
            "svelte: svelte",
            "astro: astro",
            "markdown: md markdown mdx",
            "rst: rst",
            "asciidoc: adoc asciidoc",
            "tex: tex sty cls bib",
            "json: json jsonc json5 geojson",
            "jupyter: ipynb",
            "yaml: yaml yml",
            "toml: toml",
            "ini: ini cfg conf editorconfig",
            "properties: properties",
            "xml: xml xsd xsl xslt wsdl pom plist svg csproj vbproj fsproj props targets resx xaml",
            "protobuf: proto",
            "thrift: thrift",
            "graphql: graphql gql",
            "dart: dart",
            "haskell: hs lhs",
            "ocaml: ml mli",
            "elixir: ex exs",
            "erlang: erl hrl",
            "clojure: clj cljs cljc edn",
            "lisp: lisp lsp cl",
            "elisp: el",
            "scheme: scm ss rkt",
            "zig: zig",
            "julia: jl",
            "nim: nim",
            "crystal: cr",
            "d: d",
            "fortran: f f90 f95 f03 f08 for",
            "verilog: v sv svh vh",
            "vhdl: vhd vhdl",
            "assembly: s asm",
            "makefile: mk mak",
            "dockerfile: dockerfile",
            "cmake: cmake",
            "devicetree: dts dtsi",
            "starlark: bzl bazel star",
            "nix: nix",
            "terraform: tf tfvars hcl",
            "solidity: sol",
            "glsl: glsl vert frag geom comp",
            "wgsl: wgsl",
            "elm: elm",
            "tcl: tcl",
            "awk: awk",
            "lex: l lex",
            "yacc: y yy",
            "vim: vim",
            "diff: diff patch",
            "csv: csv tsv",
            "text: txt text");

    /** Shebang interpreters (basename, version digits stripped). */
    static final Map<String, String> BY_INTERPRETER = table(
            "python: python pypy",
            "javascript: node nodejs bun",
            "typescript: deno ts-node tsx",
            "shell: sh bash zsh ksh dash ash mksh fish",
            "perl: perl",
            "ruby: ruby jruby",
            "php: php",
            "lua: lua luajit",
            "r: rscript",
            "tcl: tclsh wish",
            "awk: awk gawk mawk",
            "makefile: make",
            "groovy: groovy",
            "kotlin: kotlin kscript",
            "scala: scala",
            "elixir: elixir",
            "erlang: escript",
            "haskell: runhaskell runghc",
            "julia: julia",
            "swift: swift",
            "dart: dart",
            "powershell: pwsh",
            "java: java");

    /** Extensions (lower case) of files that are never text worth indexing. */
    static final Set<String> BINARY_EXTENSIONS = Set.copyOf(table(
            "image: png jpg jpeg gif bmp ico icns tif tiff webp psd heic heif avif xcf cr2 nef",
            "archive: zip tar gz tgz bz2 xz zst 7z rar lz lzma lz4 cab cpio deb rpm apk ipa aab dmg iso",
            "package: jar war ear aar whl nupkg vsix xpi crx msi",
            "compiled: class dex pyc pyo pyd o obj a lib so dylib dll exe ko elf wasm beam elc",
            "compiled2: rlib rmeta cmi cmo cmx pch gch pdb ilk idb node mo",
            "document: pdf doc docx xls xlsx ppt pptx odt ods odp pages numbers epub mobi",
            "font: ttf otf woff woff2 eot pfb",
            "audio: mp3 wav flac ogg oga aac m4a opus mid midi",
            "video: mp4 mkv avi mov wmv webm flv m4v mpg mpeg",
            "data: db sqlite sqlite3 mdb accdb dbf parquet avro orc npy npz pkl pickle h5 hdf5",
            "model: pt pth onnx safetensors gguf ckpt tflite pb",
            "other: bin dat swf blend fbx stl glb der lockb ser svgz dmp").keySet());

    private LanguageTable() {}

    private static Map<String, String> table(String... lines) {
        Map<String, String> map = new HashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            String lang = line.substring(0, colon);
            for (String key : line.substring(colon + 1).trim().split(" +")) {
                if (map.put(key, lang) != null) {
                    throw new IllegalStateException("duplicate language key " + key);
                }
            }
        }
        return Map.copyOf(map);
    }
}
