#!/usr/bin/env python3
"""Latency queries from a Java tree: the first sentence of the Javadoc of public methods, and
`Class.method` names, chosen in SHA-1 order of `path:line` so the pick is spread over the tree and
the same on every run.

    python3 bench/java_queries.py TREE [SENTENCES] [NAMES] > queries.txt   # defaults 100 and 50
"""
import hashlib
import os
import re
import sys

DOC_THEN_METHOD = re.compile(
    r"/\*\*\s*(?P<doc>(?:(?!\*/).)*?)\*/\s*(?:@\w+(?:\([^)]*\))?\s*)*"
    r"public\s+(?:(?:static|final|abstract|synchronized|native|default)\s+)*"
    r"(?:<[^>]+>\s+)?[\w.<>\[\], ?]+\s+(?P<name>\w+)\s*\(", re.S)


def first_sentence(doc):
    text = re.sub(r"^\s*\*\s?", "", doc, flags=re.M)
    text = re.sub(r"\{@\w+\s+([^}]*)\}", lambda m: m.group(1).split("#")[-1], text)
    text = re.sub(r"<[^>]+>", "", text)
    text = " ".join(text.split())
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    s = (m.group(1) if m else text).rstrip(".")
    return s if 4 <= len(s.split()) <= 30 and not s.startswith("@") else None


def main():
    tree = sys.argv[1]
    want_s = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    want_n = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    found = []
    for d, _, files in os.walk(tree):
        for f in files:
            if not f.endswith(".java"):
                continue
            p = os.path.join(d, f)
            src = open(p, encoding="utf-8", errors="replace").read()
            for m in DOC_THEN_METHOD.finditer(src):
                key = hashlib.sha1(f"{os.path.relpath(p, tree)}:{m.start()}".encode()).hexdigest()
                found.append((key, first_sentence(m.group("doc")), f[:-5] + "." + m.group("name")))
    found.sort()
    sentences, names, seen = [], [], set()
    for _, s, n in found:
        if s and len(sentences) < want_s and s not in seen:
            sentences.append(s)
            seen.add(s)
        elif len(names) < want_n and n not in seen:
            names.append(n)
            seen.add(n)
    print("\n".join(sentences + names))


if __name__ == "__main__":
    main()
