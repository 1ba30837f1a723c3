package dev.codeindex.chunk.treesitter;

import dev.codeindex.chunk.ParseFailure;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSSymbolType;

/**
 * What one grammar's nodes mean to the structure walk: a role per node type, which children of a
 * node are worth visiting, and how definitions are named. Built once per language, resolved to
 * symbol and field ids, then shared read-only by all threads.
 */
abstract class Spec {
    /** Visited: children are visited too (subject to {@link #allowed}). */
    static final byte PLAIN = 0;
    /** Not descended into. */
    static final byte SKIP = 1;
    static final byte FUNCTION = 2;
    static final byte TYPE = 3;
    static final byte IMPORT = 4;
    /** Like PLAIN; a definition directly below a chain of wrappers starts where the outermost one starts. */
    static final byte WRAPPER = 5;
    /** A namespace or module block: qualifies the names inside, makes no region of its own. */
    static final byte SCOPE = 6;
    /** The file is refused (Python 2 statements). */
    static final byte FAIL = 7;

    /** Symbol id of ERROR nodes (ts_builtin_sym_error). */
    static final int ERROR_SYMBOL = 65535;

    final String id;
    final TSLanguage language;
    private final int symbolCount;
    private final int fieldCount;
    private final byte[] roles;
    private final boolean[][] allow;
    private final boolean[] defaultAllow;
    final boolean[] needsBody;
    final boolean[] opaque;
    final boolean[] typeCountsAsClass;
    final String[] typeKind;
    final int bodyField;
    final int nameField;
    private final Map<String, int[]> byName = new HashMap<>();
    /** Python: a tree with any ERROR or MISSING node fails the file, unless {@link #benignError} accepts each. */
    boolean failOnError;
    /** Role of ERROR nodes the walk visits (only benign ones remain when {@link #failOnError}). */
    byte errorRole = SKIP;

    Spec(String id, TSLanguage language, byte defaultRole) {
        this.id = id;
        this.language = language;
        this.symbolCount = language.symbolCount();
        this.fieldCount = language.fieldCount();
        this.roles = new byte[symbolCount];
        Arrays.fill(roles, defaultRole);
        this.allow = new boolean[symbolCount][];
        this.defaultAllow = new boolean[fieldCount + 1];
        Arrays.fill(defaultAllow, true);
        this.needsBody = new boolean[symbolCount];
        this.opaque = new boolean[symbolCount];
        this.typeCountsAsClass = new boolean[symbolCount];
        this.typeKind = new String[symbolCount];
        this.bodyField = field("body");
        this.nameField = field("name");
        for (int i = 0; i < symbolCount; i++) {
            if (language.symbolType(i) == TSSymbolType.TSSymbolTypeRegular) {
                int[] old = byName.get(language.symbolName(i));
                int[] ids = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
                ids[ids.length - 1] = i;
                byName.put(language.symbolName(i), ids);
            }
        }
    }

    // ---- building (subclass constructors only) ----

    /** Field id for a name, 0 when the grammar has no such field. */
    final int field(String name) {
        return language.fieldIdForName(name);
    }

    /** Every named symbol id (aliases included) with this name. */
    final int[] symbols(String name) {
        int[] ids = byName.get(name);
        if (ids == null) {
            throw new IllegalStateException(id + " grammar has no node type " + name);
        }
        return ids;
    }

    /** Whether the grammar has a named node type of this name (it varies between grammar versions). */
    final boolean has(String name) {
        return byName.containsKey(name);
    }

    final boolean[] symbolSet(String... names) {
        boolean[] set = new boolean[symbolCount];
        for (String name : names) {
            for (int s : symbols(name)) {
                set[s] = true;
            }
        }
        return set;
    }

    final void role(byte role, String... names) {
        for (String name : names) {
            for (int s : symbols(name)) {
                roles[s] = role;
            }
        }
    }

    final void type(String kind, boolean countsAsClass, boolean needsBody, String... names) {
        role(TYPE, names);
        for (String name : names) {
            for (int s : symbols(name)) {
                typeKind[s] = kind;
                typeCountsAsClass[s] = countsAsClass;
                this.needsBody[s] = needsBody;
            }
        }
    }

    final void opaqueFunction(String... names) {
        role(FUNCTION, names);
        for (String name : names) {
            for (int s : symbols(name)) {
                opaque[s] = true;
            }
        }
    }

    /** Children of {@code parent} visited: those in the named fields, plus unfielded ones if asked. */
    final void follow(String parent, boolean unfielded, String... fields) {
        boolean[] mask = new boolean[fieldCount + 1];
        mask[0] = unfielded;
        for (String f : fields) {
            int id = field(f);
            if (id > 0) {
                mask[id] = true;
            }
        }
        for (int s : symbols(parent)) {
            allow[s] = mask;
        }
    }

    /** Children in these fields are never visited, below any parent without its own {@link #follow}. */
    final void skipFields(String... fields) {
        for (String f : fields) {
            int id = field(f);
            if (id > 0) {
                defaultAllow[id] = false;
            }
        }
    }

    // ---- lookups (hot path) ----

    final byte role(int symbol) {
        return symbol < symbolCount ? roles[symbol] : symbol == ERROR_SYMBOL ? errorRole : SKIP;
    }

    final boolean allowed(int parentSymbol, int fieldId) {
        boolean[] mask = parentSymbol < symbolCount ? allow[parentSymbol] : null;
        return (mask != null ? mask : defaultAllow)[fieldId];
    }

    final boolean in(boolean[] set, int symbol) {
        return symbol < set.length && set[symbol];
    }

    // ---- hooks ----

    /**
     * The text tree-sitter parses, of the same length as {@code text} so that the tree's offsets hold for it
     * (the chunks are cut from {@code text} itself): {@code text} unless a language's grammar trips on something
     * that means nothing there.
     */
    String forParser(String text) {
        return text;
    }

    /**
     * An opaque function whose body the parser's recovery ran over the functions after it: where it really ends,
     * and those functions, each from its first line (its doc comment's).
     *
     * @param outerEndLine the 1-based last line of the function itself
     * @param functions    the swallowed functions, in order
     * @param startRows    the 0-based first row of each (its comments before it included)
     */
    record Swallowed(int outerEndLine, java.util.List<TSNode> functions, java.util.List<Integer> startRows) {}

    /**
     * What {@code function}'s body swallowed (C: a macro taking a type made a function's body run over the
     * functions after it), or null: none, as for every language without such recovery.
     */
    Swallowed swallowed(Walk w, TSNode function, int sym) {
        return null;
    }

    /** Refuses a file before parsing (Python: encoding declarations Python itself rejects). */
    void precheck(String text, boolean hadByteOrderMark) throws ParseFailure {}

    /** With {@link #failOnError}: whether this ERROR node is one the language itself accepts. */
    boolean benignError(Walk w, TSNode error) {
        return false;
    }

    /** For FAIL nodes: whether the file is really refused. */
    boolean refuses(Walk w, TSNode node, int symbol) {
        return true;
    }

    /** Whether this FUNCTION node counts (JS: a function expression only when bound to a name). */
    boolean countsFunction(Walk w, TSNode node, int symbol, Frame parent, int field) {
        return true;
    }

    /**
     * Whether this FUNCTION node is a signature without a body (a TypeScript overload): a region of
     * kind {@code signature}, not counted as a function.
     */
    boolean isSignature(int symbol) {
        return false;
    }

    /** Whether this TYPE node is a type declaration here (Go: a struct type only in a type spec). */
    boolean countsType(Walk w, int symbol, Frame parent, int field) {
        return true;
    }

    /** Local name of a function, possibly qualified ("Recv.Method", "Foo.bar"); "" if none. */
    String functionName(Walk w, TSNode node, int symbol, Frame parent) {
        return w.text(Natives.child(node, nameField));
    }

    String typeName(Walk w, TSNode node, int symbol, Frame parent) {
        return w.text(Natives.child(node, nameField));
    }

    String scopeName(Walk w, TSNode node, int symbol) {
        return w.text(Natives.child(node, nameField));
    }

    String functionKind(int symbol, String name, Frame owner) {
        if (owner == null) {
            return "function";
        }
        return isConstructor(name, owner.name) ? "constructor" : "method";
    }

    boolean isConstructor(String name, String typeName) {
        return false;
    }
}
