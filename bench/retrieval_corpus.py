#!/usr/bin/env python3
"""Builds the retrieval-evaluation corpus and its queries (see bench/README.md, "retrieval.sh").

    python3 bench/retrieval_corpus.py OUT [--modules N] [--sentences Q] [--identifiers I]
                                      [--pystdlib DIR] [--jdk DIR] [--java-files J]

Writes OUT/corpus/ (the tree that is indexed) and OUT/queries.jsonl (one query a line:
{"id", "type": "sentence"|"identifier", "split": "dev"|"test", "lang", "query", "targets": [{"path",
"start", "end"}]}), and prints a one-line summary as JSON on stdout.

Everything is deterministic: files and queries are taken in the order of the SHA-1 of their path
(and qualified name), never at random, so N=120 today is N=120 tomorrow and a larger N is a superset.

Rules (also in bench/README.md):
- Python modules: *.py under the stdlib copy, not under test/, tests/, idle_test/, turtledemo/,
  encodings/ (generated codec modules), site-packages/, not test_*.py, at most 64 KB; the first N
  in SHA-1 order of their relative path.
- Stripping: every docstring (module, class, function) is removed: its lines go when nothing else
  is on them, a body left empty gets `pass`. The result must parse and hold no docstring, else the
  module is dropped. Comments stay: they are not docstrings.
- Sentence queries: functions and methods (any depth) whose docstring's first sentence (first
  paragraph, up to the first '.', '?' or '!' followed by a space or its end) has 5 to 40 words;
  not dunder methods (__x__); not a signature line ("name(...)" at the start, as in C-mirror
  modules); the function spans at least 3 lines in the stripped copy; a sentence that two functions
  share is dropped (ambiguous). Target: the function's lines (first decorator to last line) in the
  stripped copy; a hit is a result that overlaps them.
- Identifier queries (Python): a module-level function name (`parse_args`) whose name is defined
  once in the whole corpus, or `Class.method` (`shlex.read_token`) defined once; no dunders.
  Module-qualified (lang "python-module"): `package.module.function` (`email.utils.parseaddr`) for
  module-level functions whose bare name is defined more than once in the corpus: the name alone
  is ambiguous, the module says which one.
- Identifier queries (Java, optional): J files of java.base/java/util (at most 64 KB, SHA-1 order),
  indexed as they are; `Class.method` (all overloads are targets) and bare method names that only
  one class defines; ranges from universal-ctags (independent of codeindex's JavaParser chunker).
- Split: a query is "dev" when the SHA-1 of its file's path is even in its last hex digit, else
  "test": fusion settings are tuned on dev files and reported on test files, which they never saw.
"""
import argparse
import ast
import hashlib
import inspect
import json
import os
import re
import shutil
import subprocess
import sys

EXCLUDED_DIRS = {"test", "tests", "idle_test", "turtledemo", "encodings", "site-packages", "__pycache__"}
MAX_FILE_BYTES = 64 * 1024
SIGNATURE = re.compile(r"^[\w.]+\(.*\)")
SENTENCE_END = re.compile(r"[.?!](\s|$)")


def sha(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()


def split_of(relpath):
    return "dev" if int(sha(relpath)[-1], 16) % 2 == 0 else "test"


def candidate_modules(root):
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x not in EXCLUDED_DIRS)
        for f in files:
            if not f.endswith(".py") or f.startswith("test_"):
                continue
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root)
            if os.path.getsize(p) <= MAX_FILE_BYTES:
                out.append(rel)
    return sorted(out, key=sha)


def docstring_nodes(tree):
    """(owner, Expr node) for every docstring in the module."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                yield node, body[0]


def strip_docstrings(source):
    """The source without docstrings, or None when the result does not parse cleanly."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    # edits from the bottom up so earlier line numbers stay valid
    edits = sorted(docstring_nodes(tree), key=lambda e: (e[1].lineno, e[1].col_offset), reverse=True)
    for owner, expr in edits:
        s, e = expr.lineno - 1, expr.end_lineno - 1
        head, tail = lines[s][:expr.col_offset], lines[e][expr.end_col_offset:]
        only = len(owner.body) == 1 and not isinstance(owner, ast.Module)
        if head.strip() == "" and tail.strip() in ("", ";"):
            replacement = [head + "pass\n"] if only else []
        else:
            # shares a line with code (`def f(): "doc"` or `"doc"; x = 1`)
            tail = tail.lstrip()
            if tail.startswith(";"):
                tail = tail[1:].lstrip()
            replacement = [head + ("pass" if only and not tail.strip() else "") + tail]
        lines[s:e + 1] = replacement
    out = "".join(lines)
    try:
        stripped = ast.parse(out)
    except SyntaxError:
        return None
    if any(True for _ in docstring_nodes(stripped)):
        return None
    return out


def functions(tree):
    """(qualname, node, class name or None, depth) for every def, in a fixed order."""
    out = []

    def visit(node, prefix, cls, depth):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                q = prefix + child.name
                out.append((q, child, cls, depth))
                visit(child, q + ".", None, depth + 1)
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".", child.name, depth + 1)
            else:
                visit(child, prefix, cls, depth)

    visit(tree, "", None, 0)
    return out


def first_sentence(doc):
    para = inspect.cleandoc(doc).strip().split("\n\n")[0]
    para = " ".join(para.split())
    m = SENTENCE_END.search(para)
    return para[:m.start() + 1] if m else para


def node_range(node):
    start = min([node.lineno] + [d.lineno for d in node.decorator_list])
    return start, node.end_lineno


def build_python(src_root, out_root, n_modules):
    sentences, defs = [], []  # defs: (query name, kind, target)
    modules = 0
    for rel in candidate_modules(src_root):
        if modules >= n_modules:
            break
        with open(os.path.join(src_root, rel), encoding="utf-8") as f:
            source = f.read()
        try:
            original = ast.parse(source)
        except SyntaxError:
            continue
        stripped = strip_docstrings(source)
        if stripped is None:
            continue
        before, after = functions(original), functions(ast.parse(stripped))
        if [q for q, *_ in before] != [q for q, *_ in after]:
            continue  # stripping changed the structure: never expected, but never trust it blindly
        path = "py/" + rel
        dest = os.path.join(out_root, path)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "w", encoding="utf-8") as f:
            f.write(stripped)
        modules += 1
        for (q, node, cls, depth), (_, snode, _, _) in zip(before, after):
            start, end = node_range(snode)
            target = {"path": path, "start": start, "end": end}
            name = node.name
            dunder = name.startswith("__") and name.endswith("__")
            if not dunder:
                if depth == 0:
                    defs.append((name, "function", target, q))
                    module = rel[:-3].replace(os.sep, ".")
                    module = module[:-len(".__init__")] if module.endswith(".__init__") else module
                    defs.append((module + "." + name, "qualified", target, q))
                if cls is not None and q.count(".") == 1:
                    defs.append((q, "method", target, q))
                defs.append((None, "any", target, q))  # counts every definition's last name
            doc = ast.get_docstring(node, clean=False)
            if dunder or not doc or end - start + 1 < 3:
                continue
            text = first_sentence(doc)
            words = len(text.split())
            if SIGNATURE.match(text) or not 5 <= words <= 40:
                continue
            sentences.append({"query": text, "lang": "python", "targets": [target], "key": path + ":" + q})
    return modules, sentences, defs


def python_identifiers(defs):
    last_names = {}
    full_names = {}
    for name, kind, target, q in defs:
        if kind == "any":
            last = q.rsplit(".", 1)[-1]
            last_names[last] = last_names.get(last, 0) + 1
        elif kind == "method":
            full_names[name] = full_names.get(name, 0) + 1
    out, qualified = [], {}
    for name, kind, target, q in defs:
        if kind == "qualified" and last_names[q] > 1:
            # a module may define a function twice (per platform): every definition is a target
            qualified.setdefault(name, {"query": name, "lang": "python", "targets": [], "key": name})
            qualified[name]["targets"].append(target)
        if kind == "function" and last_names[name] == 1 and full_names.get(name, 0) == 0:
            out.append({"query": name, "lang": "python", "targets": [target], "key": target["path"] + ":" + q})
        elif kind == "method" and full_names[name] == 1:
            out.append({"query": name, "lang": "python", "targets": [target], "key": target["path"] + ":" + q})
    return out, list(qualified.values())


def build_java(jdk_root, out_root, n_files):
    util = os.path.join(jdk_root, "java.base", "java", "util")
    if n_files <= 0 or not os.path.isdir(util):
        return 0, []
    files = sorted((f for f in os.listdir(util) if f.endswith(".java")
                    and os.path.getsize(os.path.join(util, f)) <= MAX_FILE_BYTES), key=sha)[:n_files]
    paths = []
    for f in files:
        dest = os.path.join(out_root, "java", "java", "util", f)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(os.path.join(util, f), dest)
        paths.append(dest)
    tags = subprocess.run(["ctags", "--output-format=json", "--languages=Java", "--sort=no",
                           "--fields=+nesZ", "-f", "-"] + paths, capture_output=True, text=True, check=True)
    by_full, by_last = {}, {}
    for line in tags.stdout.splitlines():
        t = json.loads(line)
        if t.get("kind") != "method" or "end" not in t or "scope" not in t:
            continue
        cls = t["scope"].rsplit(".", 1)[-1]
        if t["name"] == cls:
            continue  # a constructor
        target = {"path": os.path.relpath(t["path"], out_root), "start": t["line"], "end": t["end"]}
        by_full.setdefault(cls + "." + t["name"], []).append(target)
        by_last.setdefault(t["name"], set()).add(cls)
    out = []
    for full, targets in by_full.items():
        last = full.split(".")[-1]
        key = targets[0]["path"] + ":" + full
        out.append({"query": full, "lang": "java", "targets": targets, "key": key})
        if len(by_last[last]) == 1 and re.search(r"[a-z][A-Z]", last):
            out.append({"query": last, "lang": "java", "targets": targets, "key": key + ":last"})
    return len(files), out


def take(queries, n):
    """The first n in SHA-1 order of their key: a stable sample."""
    return sorted(queries, key=lambda q: sha(q["key"]))[:n]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--modules", type=int, default=120)
    ap.add_argument("--sentences", type=int, default=400)
    ap.add_argument("--identifiers", type=int, default=200, help="Python identifier queries")
    ap.add_argument("--qualified", type=int, default=60,
                    help="module-qualified Python names whose bare name is defined more than once")
    ap.add_argument("--java-identifiers", type=int, default=60)
    ap.add_argument("--java-files", type=int, default=12)
    ap.add_argument("--pystdlib", default="/work/corpora/pystdlib")
    ap.add_argument("--jdk", default="/work/corpora/jdk")
    a = ap.parse_args()

    corpus = os.path.join(a.out, "corpus")
    if os.path.exists(corpus):
        shutil.rmtree(corpus)
    os.makedirs(corpus)
    modules, sentences, defs = build_python(a.pystdlib, corpus, a.modules)
    counts = {}
    for s in sentences:
        counts[s["query"].lower()] = counts.get(s["query"].lower(), 0) + 1
    unique = [s for s in sentences if counts[s["query"].lower()] == 1]
    java_files, java_ids = build_java(a.jdk, corpus, a.java_files)
    py_ids, py_qualified = python_identifiers(defs)
    chosen = ([dict(q, type="sentence") for q in take(unique, a.sentences)]
              + [dict(q, type="identifier") for q in take(py_ids, a.identifiers)]
              + [dict(q, type="identifier", lang="python-module") for q in take(py_qualified, a.qualified)]
              + [dict(q, type="identifier") for q in take(java_ids, a.java_identifiers)])
    with open(os.path.join(a.out, "queries.jsonl"), "w", encoding="utf-8") as f:
        for i, q in enumerate(chosen):
            path = q["targets"][0]["path"]
            f.write(json.dumps({"id": i, "type": q["type"], "split": split_of(path), "lang": q["lang"],
                                "query": q["query"], "targets": q["targets"]}) + "\n")
    summary = {"modules": modules, "javaFiles": java_files,
               "sentenceCandidates": len(unique), "droppedDuplicateSentences": len(sentences) - len(unique),
               "sentences": sum(q["type"] == "sentence" for q in chosen),
               "identifiers": sum(q["type"] == "identifier" for q in chosen),
               "moduleQualified": sum(q["lang"] == "python-module" for q in chosen),
               "javaIdentifiers": sum(q["lang"] == "java" for q in chosen)}
    print(json.dumps(summary))


if __name__ == "__main__":
    sys.exit(main())
