package dev.codeindex.chunk.treesitter;

import org.treesitter.TSNode;

/** One entered node on the walk's stack. Pooled and reused: valid only while on the stack. */
final class Frame {
    TSNode node;
    int symbol;
    byte role;
    /** 0-based row where this node's region starts (wrappers and decorators included). */
    int startRow;
    /** WRAPPER: 0-based start row of the outermost wrapper of the unbroken chain ending here. */
    int chainStart;
    /** TYPE: number of regions when entered; its members' regions follow. */
    int mark;
    /** Prefix for names defined below: "" or "Outer.Inner.". */
    String qual;
    /** TYPE/SCOPE: local name. */
    String name;
    /** TYPE/SCOPE: qualified name ("Outer.Inner"). */
    String symbolName;
    /** Nearest enclosing type: functions below it are methods. */
    Frame owner;
    /** Below a counted function: definitions are counted, not made regions. */
    boolean inFunction;
    /** TYPE: a body was seen (types that need one count only then). */
    boolean sawBody;
    /** FUNCTION/TYPE: emits a region when left. */
    boolean region;

    void reset(TSNode node, int symbol, byte role, Frame parent) {
        this.node = node;
        this.symbol = symbol;
        this.role = role;
        this.startRow = 0;
        this.chainStart = 0;
        this.mark = 0;
        this.name = null;
        this.symbolName = null;
        this.sawBody = false;
        this.region = false;
        if (parent == null) {
            this.qual = "";
            this.owner = null;
            this.inFunction = false;
        } else {
            this.qual = parent.qual;
            this.owner = parent.owner;
            this.inFunction = parent.inFunction;
        }
    }
}
