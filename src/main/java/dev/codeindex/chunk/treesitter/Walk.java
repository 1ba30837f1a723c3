package dev.codeindex.chunk.treesitter;

import dev.codeindex.chunk.ParseFailure;
import dev.codeindex.chunk.Structure;
import dev.codeindex.chunk.SymbolStats;
import java.util.Arrays;
import org.treesitter.TSNode;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/**
 * One pass over a parsed file with a tree cursor: counts symbols and collects regions together.
 *
 * <p>Cost model (measured): moving the cursor and reading a child's field id are cheap; turning the
 * cursor position into a node and asking its symbol costs ~3 µs. So a child is materialized only
 * when its parent's rules allow its field, and only nodes whose role needs them are descended into.
 * Not thread-safe: one per thread.
 */
final class Walk {
    private Spec spec;
    private final SourceText source = new SourceText();
    private final RegionList regions = new RegionList();
    private long functions;
    private long classes;
    private long imports;
    private Frame[] stack = new Frame[64];
    private int top;

    Walk() {
        for (int i = 0; i < stack.length; i++) {
            stack[i] = new Frame();
        }
    }

    Structure run(Spec spec, TSTree tree, String text) throws ParseFailure {
        this.spec = spec;
        source.reset(text);
        functions = 0;
        classes = 0;
        imports = 0;
        regions.clear();
        try {
            TSNode root = tree.getRootNode();
            int rootSymbol = Natives.symbol(root);
            if (spec.failOnError && Natives.hasError(root) && !errorsAcceptable(root)) {
                throw new ParseFailure(spec.id + ": syntax error");
            }
            try (TSTreeCursor cursor = new TSTreeCursor(root)) {
                top = 0;
                stack[0].reset(root, rootSymbol, Spec.PLAIN, null);
                walk(cursor);
            }
            // A root that is itself an ERROR (C with heavy macro use) still holds well-formed items
            // as children; they count. Only when nothing well-formed was found does the file fail.
            if (rootSymbol == Spec.ERROR_SYMBOL && regions.isEmpty() && functions + classes + imports == 0) {
                throw new ParseFailure(spec.id + ": the whole file is a syntax error");
            }
            return new Structure(regions.normalized(), new SymbolStats(functions, classes, imports));
        } finally {
            source.reset(null);
            for (int i = 0; i < stack.length; i++) {
                stack[i].reset(null, 0, Spec.PLAIN, null);
            }
        }
    }

    private void walk(TSTreeCursor c) throws ParseFailure {
        if (!c.gotoFirstChild()) {
            return;
        }
        while (true) {
            Frame parent = stack[top];
            int field = c.currentFieldId();
            if (parent.role == Spec.TYPE && !parent.sawBody && field == spec.bodyField && field > 0) {
                bodySeen(parent);
            }
            if (spec.allowed(parent.symbol, field)) {
                TSNode n = c.currentNode();
                if (enter(c, n, Natives.symbol(n), field, parent)) {
                    continue;
                }
            }
            while (!c.gotoNextSibling()) {
                if (top == 0) {
                    return;
                }
                c.gotoParent();
                leave(stack[top]);
                top--;
            }
        }
    }

    /**
     * Whether every ERROR and MISSING node is benign. Follows only subtrees that contain errors,
     * so it costs a few nodes per error, and runs only for trees that have one.
     */
    private boolean errorsAcceptable(TSNode root) {
        try (TSTreeCursor c = new TSTreeCursor(root)) {
            if (!c.gotoFirstChild()) {
                return false;
            }
            int depth = 1;
            while (true) {
                TSNode n = c.currentNode();
                if (Natives.symbol(n) == Spec.ERROR_SYMBOL) {
                    if (!spec.benignError(this, n)) {
                        return false;
                    }
                } else if (Natives.isMissing(n)) {
                    return false;
                } else if (Natives.hasError(n) && c.gotoFirstChild()) {
                    depth++;
                    continue;
                }
                while (!c.gotoNextSibling()) {
                    if (--depth == 0) {
                        return true;
                    }
                    c.gotoParent();
                }
            }
        }
    }

    /** Handles a visited node; true when the cursor moved down into its first child. */
    private boolean enter(TSTreeCursor c, TSNode n, int sym, int field, Frame parent) throws ParseFailure {
        byte role = spec.role(sym);
        switch (role) {
            case Spec.SKIP:
                return false;
            case Spec.FAIL:
                if (spec.refuses(this, n, sym)) {
                    throw new ParseFailure(spec.id + ": unsupported statement at line " + (Natives.startRow(n) + 1));
                }
                return false;
            case Spec.IMPORT:
                imports++;
                return false;
            case Spec.FUNCTION: {
                if (!spec.countsFunction(this, n, sym, parent, field)) {
                    return descend(c, push(n, sym, Spec.PLAIN, parent));
                }
                if (!spec.isSignature(sym)) {
                    functions++; // an overload's signature is part of the function it declares
                }
                boolean region = !parent.inFunction;
                int start = region ? startOf(n, parent) : 0;
                if (spec.opaque[sym]) {
                    if (region) {
                        emitFunction(n, sym, parent, start);
                    }
                    return false;
                }
                Frame f = push(n, sym, Spec.FUNCTION, parent);
                f.region = region;
                f.startRow = start;
                f.inFunction = true;
                f.owner = null;
                return descend(c, f);
            }
            case Spec.TYPE: {
                if (!spec.countsType(this, sym, parent, field)) {
                    return descend(c, push(n, sym, Spec.PLAIN, parent));
                }
                Frame f = push(n, sym, Spec.TYPE, parent);
                f.region = !parent.inFunction;
                f.startRow = f.region ? startOf(n, parent) : 0;
                f.mark = regions.size();
                f.owner = f;
                if (!spec.needsBody[sym]) {
                    bodySeen(f);
                }
                return descend(c, f);
            }
            case Spec.WRAPPER: {
                Frame f = push(n, sym, Spec.WRAPPER, parent);
                f.chainStart = parent.role == Spec.WRAPPER ? parent.chainStart : Natives.startRow(n);
                return descend(c, f);
            }
            case Spec.SCOPE: {
                Frame f = push(n, sym, Spec.SCOPE, parent);
                f.owner = null;
                if (!parent.inFunction) {
                    f.name = spec.scopeName(this, n, sym);
                    f.qual = parent.qual + (f.name.isEmpty() ? "" : f.name + ".");
                }
                return descend(c, f);
            }
            default:
                return descend(c, push(n, sym, Spec.PLAIN, parent));
        }
    }

    private Frame push(TSNode n, int sym, byte role, Frame parent) {
        if (++top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
            for (int i = top; i < stack.length; i++) {
                stack[i] = new Frame();
            }
        }
        Frame f = stack[top];
        f.reset(n, sym, role, parent);
        return f;
    }

    private boolean descend(TSTreeCursor c, Frame f) {
        if (c.gotoFirstChild()) {
            return true;
        }
        leave(f);
        top--;
        return false;
    }

    /** The type frame on top of the stack has its body: from now on it is a type declaration. */
    private void bodySeen(Frame f) {
        f.sawBody = true;
        if (f.region) {
            Frame parent = stack[top - 1];
            f.name = spec.typeName(this, f.node, f.symbol, parent);
            f.symbolName = parent.qual + f.name;
            f.qual = f.name.isEmpty() ? parent.qual : f.symbolName + ".";
        }
    }

    private void leave(Frame f) {
        if (f.role == Spec.FUNCTION) {
            if (f.region) {
                emitFunction(f.node, f.symbol, stack[top - 1], f.startRow);
            }
        } else if (f.role == Spec.TYPE && f.sawBody) {
            if (spec.typeCountsAsClass[f.symbol]) {
                classes++;
            }
            if (f.region) {
                emitType(f);
            }
        }
    }

    private int startOf(TSNode n, Frame parent) {
        return parent.role == Spec.WRAPPER ? parent.chainStart : Natives.startRow(n);
    }

    private void emitFunction(TSNode n, int sym, Frame parent, int startRow) {
        String local = spec.functionName(this, n, sym, parent);
        String kind = spec.functionKind(sym, local, parent.owner);
        Spec.Swallowed swallowed = spec.swallowed(this, n, sym);
        if (swallowed == null) {
            regions.add(startRow + 1, Natives.endLine(n, Natives.startRow(n)), parent.qual + local, kind);
            return;
        }
        // the function ends before the first function its body swallowed, and each of those is a function of its own
        regions.add(startRow + 1, swallowed.outerEndLine(), parent.qual + local, kind);
        for (int i = 0; i < swallowed.functions().size(); i++) {
            functions++;
            emitFunction(swallowed.functions().get(i), sym, parent, swallowed.startRows().get(i));
        }
    }

    private void emitType(Frame f) {
        int end = Natives.endLine(f.node, Natives.startRow(f.node));
        regions.closeType(f.mark, f.startRow + 1, end, f.symbolName, spec.typeKind[f.symbol]);
    }

    /** Source text of a node ("" for null). */
    String text(TSNode n) {
        return source.of(n);
    }
}
