#!/usr/bin/env python3
"""Builds the retrieval corpora of six languages and their queries (bench/README.md, "retrieval5.sh").

    python3 bench/retrieval_langs.py OUT --jar target/codeindex.jar [--langs python,java,javascript,go,rust,c]
                                     [--cache /work/evalcache] [--budget-kb KB] [--sentences 150]
                                     [--identifiers 100]

For each language L: fetches its pinned sources into the cache when missing (SOURCES below: Debian
packages with `apt-get download`, npm packages with `npm pack`, Maven Central sources jars with
`mvn dependency:get`; each file's SHA-256 is checked), writes OUT/L/corpus/ (the tree that is
indexed: doc comments and docstrings removed) and OUT/L/queries.jsonl (one query a line, the shape
of bench/retrieval_corpus.py: {"id", "type": "sentence"|"identifier", "split": "tuning"|"heldout",
"lang", "query", "targets": [{"path", "start", "end"}], "namesTarget"}), and prints one JSON line
of counts per language on stdout.

Rules (also in bench/README.md):
- Files: the language's source files of each package (not tests, test data, examples, benches,
  vendored or built copies, TypeScript declarations, minified files), at most 64 KB, taken in
  SHA-1 order of their path in the corpus ("package/path") while their total stays within the
  budget. A file that does not parse cleanly, or whose stripped text does not, is left out.
- Stripping: every docstring (Python, bench/retrieval_corpus.py's rule) or doc comment
  (bench/DocDefs.java: "/**" blocks; Rust's "///", "//!", "/**", "/*!"; Go's comment lines right
  above a top-level declaration) is removed; other comments stay.
- Sentence queries: the first sentence of the doc comment of a function or method with a body
  (first paragraph before any block tag or heading, inline markup reduced to its text, up to the
  first '.', '?' or '!' followed by a space), 5 to 40 words, the function at least 3 lines long in
  the stripped copy, not a dunder method, not a constructor, at least 4 of its words plain words
  (letters only); a sentence two definitions share is dropped. Target: the function's lines in the stripped copy; a hit is a result overlapping them.
- Identifier queries: the bare name of a function or method, at least 3 characters long, that is
  defined once in the language's corpus, ignoring case (counting every definition: functions,
  methods, types, signatures, constructors; `singletonIterator` is out when a class
  `SingletonIterator` exists: symbol look-up ignores case).
- Split: a query belongs to "tuning" when the SHA-1 of its file's corpus path ends in an even hex
  digit, else to "heldout". Per split, the first S sentences and I identifiers in SHA-1 order of
  their key ("path:scope.name").
"""
import argparse
import ast
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from retrieval_corpus import functions, node_range, strip_docstrings  # noqa: E402

MAX_FILE_BYTES = 64 * 1024
LANGS = ["python", "java", "javascript", "go", "rust", "c"]

# kind (deb | npm | maven), name, exact version, SHA-256 of the downloaded file, directories inside it
# that hold the sources ("package" name in the corpus -> path inside the unpacked artifact).
SOURCES = {
    "python": [
        ("deb", "python3-click", "8.1.3-2", None, {"click": "usr/lib/python3/dist-packages/click"}),
        ("deb", "python3-requests", "2.28.1+dfsg-1", None, {"requests": "usr/lib/python3/dist-packages/requests"}),
        ("deb", "python3-dateutil", "2.8.2-2", None, {"dateutil": "usr/lib/python3/dist-packages/dateutil"}),
        ("deb", "python3-packaging", "23.0-1", None, {"packaging": "usr/lib/python3/dist-packages/packaging"}),
        ("deb", "python3-attr", "22.2.0-1", None, {"attr": "usr/lib/python3/dist-packages/attr"}),
        ("deb", "python3-toolz", "0.12.0-1", None, {"toolz": "usr/lib/python3/dist-packages/toolz"}),
        ("deb", "python3-boltons", "21.0.0-2", None, {"boltons": "usr/lib/python3/dist-packages/boltons"}),
        ("deb", "python3-babel", "2.10.3-1", None, {"babel": "usr/lib/python3/dist-packages/babel"}),
        ("deb", "python3-arrow", "1.2.3-1", None, {"arrow": "usr/lib/python3/dist-packages/arrow"}),
        ("deb", "python3-humanize", "4.4.0-1", None, {"humanize": "usr/lib/python3/dist-packages/humanize"}),
        ("deb", "python3-more-itertools", "8.10.0-2", None,
         {"more_itertools": "usr/lib/python3/dist-packages/more_itertools"}),
    ],
    "java": [
        ("maven", "org.apache.commons:commons-lang3", "3.14.0", None, {"commons-lang3": ""}),
        ("maven", "org.apache.commons:commons-collections4", "4.4", None, {"commons-collections4": ""}),
        ("maven", "commons-io:commons-io", "2.15.1", None, {"commons-io": ""}),
    ],
    "javascript": [
        ("npm", "lodash-es", "4.17.21", None, {"lodash-es": "package"}),
        ("npm", "express", "4.19.2", None, {"express": "package"}),
        ("npm", "axios", "1.6.8", None, {"axios": "package"}),
        ("npm", "commander", "12.0.0", None, {"commander": "package"}),
        ("npm", "rxjs", "7.8.1", None, {"rxjs": "package/src"}),
    ],
    "go": [
        ("deb", "golang-1.19-src", "1.19.8-2", None, {"go": "usr/share/go-1.19/src"}),
    ],
    "rust": [
        ("deb", "librust-itertools-dev", "0.10.3-1", None, {"itertools": "usr/share/cargo/registry/itertools-0.10.3/src"}),
        ("deb", "librust-semver-dev", "1.0.14-1", None, {"semver": "usr/share/cargo/registry/semver-1.0.14/src"}),
        ("deb", "librust-bytes-dev", "1.2.1-1", None, {"bytes": "usr/share/cargo/registry/bytes-1.2.1/src"}),
        ("deb", "librust-chrono-dev", "0.4.23-2", None, {"chrono": "usr/share/cargo/registry/chrono-0.4.23/src"}),
        ("deb", "librust-regex-syntax-dev", "0.6.27-1", None,
         {"regex-syntax": "usr/share/cargo/registry/regex-syntax-0.6.27/src"}),
        ("deb", "librust-indexmap-dev", "1.9.2-1", None, {"indexmap": "usr/share/cargo/registry/indexmap-1.9.2/src"}),
        ("deb", "librust-either-dev", "1.6.1-1", None, {"either": "usr/share/cargo/registry/either-1.6.1/src"}),
        ("deb", "librust-num-traits-dev", "0.2.15-1", None,
         {"num-traits": "usr/share/cargo/registry/num-traits-0.2.15/src"}),
        ("deb", "librust-rand-core-dev", "0.6.3-2", None, {"rand_core": "usr/share/cargo/registry/rand_core-0.6.3/src"}),
        ("deb", "librust-hashbrown-dev", "0.12.3-1", None, {"hashbrown": "usr/share/cargo/registry/hashbrown-0.12.3/src"}),
        ("deb", "librust-petgraph-dev", "0.6.2-1", None, {"petgraph": "usr/share/cargo/registry/petgraph-0.6.2/src"}),
        ("deb", "librust-nom-dev", "7.1.1-1", None, {"nom": "usr/share/cargo/registry/nom-7.1.1/src"}),
    ],
    # the package holds the release tarball: "TARBALL!DIR" is DIR inside it
    "c": [
        ("deb", "openvswitch-source", "3.1.0-2+deb12u1", None,
         {f"openvswitch/{d}": f"usr/src/openvswitch/openvswitch.tar.gz!openvswitch/{d}"
          for d in ("lib", "ofproto", "ovsdb", "vswitchd")}),
    ],
}
# source bytes per language (before stripping), sized for ~150 sentence queries per split
BUDGET_KB = {"python": 800, "java": 500, "javascript": 600, "go": 550, "rust": 900, "c": 850}
EXTENSIONS = {"python": (".py",), "java": (".java",), "javascript": (".js", ".mjs", ".cjs", ".ts"),
              "go": (".go",), "rust": (".rs",), "c": (".c",)}
EXCLUDED_DIRS = {"test", "tests", "__tests__", "testdata", "testing", "examples", "example", "benches", "bench",
                 "vendor", "node_modules", "dist", "build", "cmd", "__pycache__", "fixtures"}
SENTENCE_END = re.compile(r"[.?!](\s|$)")
HTML_TAG = re.compile(r"</?(?:p|code|b|i|em|strong|tt|pre|ul|ol|li|br|a|blockquote|h\d|table|tr|td|th|dl|dt|dd"
                      r"|sup|sub|var|cite|kbd|samp|span|div)\b[^>]*>", re.I)
PLAIN_WORD = re.compile(r"^[A-Za-z]+[,;:.?!]?$")
SIGNATURE = re.compile(r"^[\w.$:]+\s*\(.*\)")


def sha(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()


def split_of(relpath):
    return "tuning" if int(sha(relpath)[-1], 16) % 2 == 0 else "heldout"


def log(*a):
    print("[retrieval_langs]", *a, file=sys.stderr, flush=True)


# ---- sources ----

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()


def fetch(cache, kind, name, version):
    """The downloaded artifact in the cache, fetched when missing."""
    d = os.path.join(cache, kind)
    os.makedirs(d, exist_ok=True)
    if kind == "deb":
        want = f"{name}_{version.split(':')[-1]}_"
        have = [f for f in os.listdir(d) if f.startswith(want) and f.endswith(".deb")]
        if not have:
            log(f"apt-get download {name}={version}")
            subprocess.run(["apt-get", "download", "-q", f"{name}={version}"], cwd=d, check=True,
                           stdout=subprocess.DEVNULL)
            have = [f for f in os.listdir(d) if f.startswith(want) and f.endswith(".deb")]
        return os.path.join(d, have[0])
    if kind == "npm":
        f = os.path.join(d, f"{name.replace('@', '').replace('/', '-')}-{version}.tgz")
        if not os.path.exists(f):
            log(f"npm pack {name}@{version}")
            subprocess.run(["npm", "pack", "--silent", f"{name}@{version}"], cwd=d, check=True,
                           stdout=subprocess.DEVNULL)
        return f
    if kind == "maven":
        group, artifact = name.split(":")
        f = os.path.join(d, f"{artifact}-{version}-sources.jar")
        if not os.path.exists(f):
            log(f"mvn dependency:get {name}:{version}:jar:sources")
            subprocess.run(["mvn", "-B", "-q", "dependency:get", f"-Dartifact={name}:{version}:jar:sources",
                            "-Dtransitive=false"], check=True, stdout=subprocess.DEVNULL)
            repo = os.path.expanduser("~/.m2/repository")
            shutil.copyfile(os.path.join(repo, *group.split("."), artifact, version,
                                         f"{artifact}-{version}-sources.jar"), f)
        return f
    raise ValueError(kind)


def unpack(cache, artifact):
    """The artifact unpacked under CACHE/src/ (once)."""
    dest = os.path.join(cache, "src", os.path.basename(artifact))
    if os.path.isdir(dest):
        return dest
    tmp = dest + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    if artifact.endswith(".deb"):
        subprocess.run(["dpkg-deb", "-x", artifact, tmp], check=True)
    elif artifact.endswith(".tgz"):
        with tarfile.open(artifact) as t:
            t.extractall(tmp)
    else:
        with zipfile.ZipFile(artifact) as z:
            z.extractall(tmp)
    os.rename(tmp, dest)
    return dest


def inside(root, inner):
    """A directory of an unpacked artifact; "TARBALL!DIR" is DIR of a tarball in it, unpacked beside it once."""
    if "!" not in inner:
        return os.path.join(root, inner)
    tarball, sub = inner.split("!", 1)
    dest = os.path.join(root, tarball + ".d")
    if not os.path.isdir(dest):
        tmp = dest + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        with tarfile.open(os.path.join(root, tarball)) as t:
            t.extractall(tmp)
        os.rename(tmp, dest)
    return os.path.join(dest, sub)


def sources(cache, lang):
    """(corpus path, absolute path) of every candidate file of the language; and the versions used."""
    out, versions = [], []
    for kind, name, version, digest, dirs in SOURCES[lang]:
        artifact = fetch(cache, kind, name, version)
        got = sha256(artifact)
        if digest and got != digest:
            raise SystemExit(f"{artifact}: SHA-256 {got}, expected {digest}")
        versions.append({"kind": kind, "name": name, "version": version, "sha256": got})
        root = unpack(cache, artifact)
        for package, inner in dirs.items():
            base = inside(root, inner)
            for d, subdirs, files in os.walk(base):
                subdirs[:] = sorted(x for x in subdirs if x not in EXCLUDED_DIRS and not x.startswith("."))
                for f in files:
                    if not f.endswith(EXTENSIONS[lang]) or candidate_excluded(f):
                        continue
                    p = os.path.join(d, f)
                    if os.path.getsize(p) <= MAX_FILE_BYTES:
                        out.append((package + "/" + os.path.relpath(p, base), p))
    return sorted(out, key=lambda e: sha(e[0])), versions


def candidate_excluded(f):
    return (f.startswith("test_") or f.endswith(("_test.go", ".d.ts", ".min.js", ".spec.ts", ".test.ts",
                                                    ".spec.js", ".test.js"))
            or f in ("package-info.java", "module-info.java", "conftest.py", "setup.py", "tests.rs"))


# ---- doc comments to sentences ----

def clean_markup(s):
    # {@link Objects#equals(Object, Object) label} -> label; without a label -> Objects#equals
    s = re.sub(r"\{@link(?:plain)?\s+([^}(\s]+)(?:\([^)]*\))?\s*([^}]*)\}",
               lambda m: m.group(2).strip() or m.group(1), s)
    s = re.sub(r"\{@\w+\s+([^}]*)\}", r"\1", s)
    s = HTML_TAG.sub("", s)
    s = html.unescape(s)
    s = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", s)      # [text](url)
    s = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", s)     # [text][ref]
    s = re.sub(r"\[`([^`\]]+)`\]", r"\1", s)             # [`Name`]
    s = re.sub(r":[\w:]+:`~?([^`]+)`", r"\1", s)         # :func:`name` (reST)
    s = s.replace("`", "").replace("#", ".")
    return " ".join(s.split())


def comment_text(raw):
    """The prose of a raw doc comment, one string per line, comment markers removed."""
    raw = raw.strip()
    for p in ("/**", "/*!", "/*"):
        if raw.startswith(p):
            raw = raw[len(p):]
            break
    if raw.endswith("*/"):
        raw = raw[:-2]
    out = []
    for line in raw.split("\n"):
        s = line.strip()
        for p in ("///", "//!", "//", "*"):
            if s.startswith(p):
                s = s[len(p):]
                break
        out.append(s.strip())
    return out


def first_sentence(lines):
    """First paragraph before a block tag, heading or code fence, up to its first sentence end."""
    para = []
    for s in lines:
        if s.startswith(("@", "#", "```", ":param", ":return", ":raises", ">>>", "..")):
            break
        if not s:
            if para:
                break
            continue
        para.append(s)
    text = clean_markup(" ".join(para))
    m = SENTENCE_END.search(text)
    return text[:m.start() + 1] if m else text


# ---- per-language extraction: (corpus path, [def]) with def = {kind, name, scope, start, end, sentence} ----

def python_file(rel, src, dest):
    with open(src, encoding="utf-8") as f:
        source = f.read()
    try:
        original = ast.parse(source)
        stripped = strip_docstrings(source)
    except (SyntaxError, ValueError):
        return None
    if stripped is None:
        return None
    before, after = functions(original), functions(ast.parse(stripped))
    if [q for q, *_ in before] != [q for q, *_ in after]:
        return None
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "w", encoding="utf-8") as f:
        f.write(stripped)
    defs = []
    for (q, node, cls, depth), (_, snode, _, _) in zip(before, after):
        start, end = node_range(snode)
        doc = ast.get_docstring(node, clean=True)
        name = node.name
        kind = "constructor" if name == "__init__" else "method" if cls else "function"
        defs.append({"kind": kind, "name": name, "scope": q.rsplit(".", 1)[0] if "." in q else None,
                     "start": start, "end": end, "dunder": name.startswith("__") and name.endswith("__"),
                     "sentence": first_sentence(doc.split("\n")) if doc else None})
    for node in ast.walk(original):
        if isinstance(node, ast.ClassDef):
            defs.append({"kind": "type", "name": node.name, "scope": None, "start": 0, "end": 0, "sentence": None})
    return defs


def other_files(lang, files, corpus, jar, work):
    """Runs bench/DocDefs.java over the files; {corpus path: [def]} for those that passed."""
    listing = os.path.join(work, f"{lang}-files.tsv")
    with open(listing, "w", encoding="utf-8") as f:
        for rel, src in files:
            f.write(f"{src}\t{os.path.join(corpus, rel)}\t{rel}\n")
    here = os.path.dirname(os.path.abspath(__file__))
    with open(listing, encoding="utf-8") as stdin:
        r = subprocess.run(["java", "-cp", jar, os.path.join(here, "DocDefs.java")], stdin=stdin,
                           capture_output=True, text=True, check=True)
    out, dropped = {}, {}
    for line in r.stdout.splitlines():
        o = json.loads(line)
        if not o["ok"]:
            dropped[o["why"]] = dropped.get(o["why"], 0) + 1
            continue
        defs = []
        for d in o["defs"]:
            d["sentence"] = first_sentence(comment_text(d["doc"])) if d["doc"] else None
            d["dunder"] = False
            defs.append(d)
        out[o["rel"]] = defs
    return out, dropped


def build(lang, cache, out_dir, jar, budget, n_sentences, n_identifiers):
    files, versions = sources(cache, lang)
    work = os.path.join(out_dir, lang)
    corpus = os.path.join(work, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(corpus)
    chosen, total = [], 0
    for rel, src in files:
        size = os.path.getsize(src)
        if total + size > budget:
            continue  # a smaller file later in the order may still fit
        chosen.append((rel, src))
        total += size
    dropped = {}
    if lang == "python":
        by_file = {}
        for rel, src in chosen:
            defs = python_file(rel, src, os.path.join(corpus, rel))
            if defs is None:
                dropped["does not strip cleanly"] = dropped.get("does not strip cleanly", 0) + 1
            else:
                by_file[rel] = defs
    else:
        by_file, dropped = other_files(lang, chosen, corpus, jar, work)

    names = {}
    for defs in by_file.values():
        for d in defs:
            if d["name"]:
                names[d["name"].lower()] = names.get(d["name"].lower(), 0) + 1
    sentences, identifiers = [], []
    for rel, defs in by_file.items():
        for d in defs:
            if d["kind"] not in ("function", "method") or d["dunder"] or not d["name"]:
                continue
            target = {"path": rel, "start": d["start"], "end": d["end"]}
            key = f"{rel}:{d['scope'] or ''}.{d['name']}"
            if names[d["name"].lower()] == 1 and len(d["name"]) >= 3:
                identifiers.append({"query": d["name"], "targets": [target], "key": key})
            s = d["sentence"]
            if not s or d["end"] - d["start"] + 1 < 3 or SIGNATURE.match(s) or s.lower().startswith("deprecated"):
                continue
            if not 5 <= len(s.split()) <= 40 or sum(bool(PLAIN_WORD.match(w)) for w in s.split()) < 4:
                continue  # too short or long, or mostly code (a grammar rule, an expression)
            named = re.search(r"(?<![\w$])" + re.escape(d["name"]) + r"(?![\w$])", s) is not None
            sentences.append({"query": s, "targets": [target], "key": key, "namesTarget": named})
    counts = {}
    for s in sentences:
        counts[s["query"].lower()] = counts.get(s["query"].lower(), 0) + 1
    unique = [s for s in sentences if counts[s["query"].lower()] == 1]

    chosen_queries = []
    for split in ("tuning", "heldout"):
        for kind, pool, n in (("sentence", unique, n_sentences), ("identifier", identifiers, n_identifiers)):
            part = sorted((q for q in pool if split_of(q["targets"][0]["path"]) == split), key=lambda q: sha(q["key"]))
            chosen_queries += [dict(q, type=kind, split=split) for q in part[:n]]
    with open(os.path.join(work, "queries.jsonl"), "w", encoding="utf-8") as f:
        for i, q in enumerate(chosen_queries):
            o = {"id": i, "type": q["type"], "split": q["split"], "lang": lang, "query": q["query"],
                 "targets": q["targets"]}
            if q["type"] == "sentence":
                o["namesTarget"] = q["namesTarget"]
            f.write(json.dumps(o) + "\n")
    size = sum(os.path.getsize(os.path.join(corpus, rel)) for rel in by_file)
    return {"lang": lang, "sources": versions, "candidateFiles": len(files), "files": len(by_file),
            "sourceKB": round(total / 1024), "strippedKB": round(size / 1024), "dropped": dropped,
            "sentenceCandidates": len(unique), "droppedDuplicateSentences": len(sentences) - len(unique),
            "identifierCandidates": len(identifiers),
            "queries": {f"{t}/{s}": sum(q["type"] == t and q["split"] == s for q in chosen_queries)
                        for t in ("sentence", "identifier") for s in ("tuning", "heldout")},
            "sentencesNamingTarget": sum(q.get("namesTarget", False) for q in chosen_queries)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--jar", required=True)
    ap.add_argument("--langs", default=",".join(LANGS))
    ap.add_argument("--cache", default="/work/evalcache")
    ap.add_argument("--budget-kb", type=int, help="KB of source per language, before stripping (default: BUDGET_KB)")
    ap.add_argument("--sentences", type=int, default=150, help="sentence queries per language and split")
    ap.add_argument("--identifiers", type=int, default=100, help="identifier queries per language and split")
    a = ap.parse_args()
    for lang in a.langs.split(","):
        if lang not in SOURCES:
            raise SystemExit(f"unknown language {lang}; known: {', '.join(SOURCES)}")
        summary = build(lang, a.cache, a.out, a.jar, (a.budget_kb or BUDGET_KB[lang]) * 1024, a.sentences, a.identifiers)
        print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    sys.exit(main())
