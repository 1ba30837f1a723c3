package dev.codeindex.chunk;

/** Symbol counts of one file or a whole index, following the README's counting rules. */
public record SymbolStats(long functions, long classes, long imports) {
    public static final SymbolStats ZERO = new SymbolStats(0, 0, 0);

    public SymbolStats plus(SymbolStats o) {
        return new SymbolStats(functions + o.functions, classes + o.classes, imports + o.imports);
    }

    public SymbolStats minus(SymbolStats o) {
        return new SymbolStats(functions - o.functions, classes - o.classes, imports - o.imports);
    }
}
