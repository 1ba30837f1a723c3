package dev.codeindex.chunk.treesitter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;

/**
 * Cheaper access to node data than the public {@link TSNode} methods.
 *
 * <p>Every {@code TSNode} method first calls {@code isNull()} (one more JNI call), and each JNI call
 * that takes a node looks up the node's class and six field ids again; measured here, one
 * {@code getSymbol()} costs ~3 µs, more than moving a cursor ten times. So: the natives are called
 * directly (they are protected statics of {@link TSParser}, reachable from a subclass), and what the
 * node object already carries (start byte, start row, null-ness: its private context fields) is
 * read from the Java object without crossing JNI at all. If those fields are ever renamed, the
 * public (slower) calls are used instead.
 */
final class Natives extends TSParser {
    private static final VarHandle START_BYTE;
    private static final VarHandle START_ROW;
    private static final VarHandle ID;

    static {
        VarHandle b = null;
        VarHandle r = null;
        VarHandle id = null;
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup());
            b = l.findVarHandle(TSNode.class, "context0", int.class);
            r = l.findVarHandle(TSNode.class, "context1", int.class);
            id = l.findVarHandle(TSNode.class, "idPtr", long.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            b = null;
            r = null;
            id = null;
        }
        START_BYTE = b;
        START_ROW = r;
        ID = id;
    }

    private Natives() {
        // never instantiated: only the inherited static natives are used
    }

    /** The node's (possibly aliased) symbol id; 65535 for ERROR. */
    static int symbol(TSNode n) {
        return ts_node_symbol(n);
    }

    static boolean isNull(TSNode n) {
        return ID != null ? (long) ID.get(n) == 0L : n.isNull();
    }

    static int startByte(TSNode n) {
        return START_BYTE != null ? (int) START_BYTE.get(n) : ts_node_start_byte(n);
    }

    /** 0-based row of the node's first character. */
    static int startRow(TSNode n) {
        return START_ROW != null ? (int) START_ROW.get(n) : ts_node_start_point(n).getRow();
    }

    /** 0-based column of the node's first character. */
    static int startColumn(TSNode n) {
        return ts_node_start_point(n).getColumn();
    }

    static int endByte(TSNode n) {
        return ts_node_end_byte(n);
    }

    /**
     * 1-based last line of the node. A node that ends at column 0 (one whose text ends with a line
     * break, like a preprocessor directive) ends on the line before.
     */
    static int endLine(TSNode n, int startRow) {
        TSPoint p = ts_node_end_point(n);
        int row = p.getRow();
        if (p.getColumn() == 0 && row > startRow) {
            return row;
        }
        return row + 1;
    }

    static boolean isMissing(TSNode n) {
        return ts_node_is_missing(n);
    }

    static boolean hasError(TSNode n) {
        return ts_node_has_error(n);
    }

    /** The child in field {@code fieldId}, or null. */
    static TSNode child(TSNode n, int fieldId) {
        if (fieldId <= 0 || n == null) {
            return null;
        }
        TSNode c = ts_node_child_by_field_id(n, fieldId);
        return isNull(c) ? null : c;
    }

    static TSNode namedChild(TSNode n, int index) {
        if (n == null || index >= ts_node_named_child_count(n)) {
            return null;
        }
        TSNode c = ts_node_named_child(n, index);
        return isNull(c) ? null : c;
    }
}
