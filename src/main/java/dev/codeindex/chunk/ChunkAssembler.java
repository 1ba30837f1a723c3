package dev.codeindex.chunk;

import dev.codeindex.util.Hashes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a file's structural regions into chunks that cover the whole file and fit the limits.
 *
 * <p>Each region becomes one chunk, or several overlapping windows when it is longer than the
 * limits; the comments, doc comment and attributes that lead into a region join it
 * ({@link LeadingLines}); the lines between regions become plain line windows, except runs with no
 * letter or digit in them (closing braces, blank lines).
 * Stateless and thread-safe.
 */
public final class ChunkAssembler {
    /** Kind of the chunks of a prose file's sections. */
    static final String SECTION = "section";
    /** Kind of a Rust {@code impl} block's region. */
    public static final String IMPL = "impl";
    /** Kind of a function's signature without a body (TypeScript's overloads, {@code declare function}). */
    public static final String SIGNATURE = "signature";

    private final ChunkLimits limits;
    private final TokenBudget budget;

    public ChunkAssembler(ChunkLimits limits) {
        this(limits, TokenBudget.NONE);
    }

    /** @param budget windows are also kept within the embedding model's window */
    public ChunkAssembler(ChunkLimits limits, TokenBudget budget) {
        this.limits = limits;
        this.budget = budget;
    }

    public List<Chunk> assemble(SourceFile file, List<Region> regions) {
        SourceLines lines = new SourceLines(file.text());
        List<Chunk> out = new ArrayList<>();
        int next = 1; // first line not yet covered
        int last = lines.count();
        for (Region r : placed(lines, CommentStyle.of(file.language()), regions)) {
            if (r.startLine() > next) {
                gap(file, lines, next, r.startLine() - 1, out);
            }
            windows(file, lines, r.startLine(), r.endLine(), r.symbol(), r.kind(), out);
            next = r.endLine() + 1;
        }
        if (next <= last) {
            gap(file, lines, next, last, out);
        }
        return out;
    }

    /**
     * The regions in line order, each starting where what leads into it starts ({@link LeadingLines}:
     * its comments, doc comment and attributes), within the file, never overlapping. The lines that lead
     * into a definition may be taken from the end of a type's header region before it (a class header
     * followed by the Javadoc of its first method); never from a function's. The header of a Rust
     * {@code impl} block ({@code impl<T: Buf, U: Buf> Buf for Chain<T, U> where …}, up to its first
     * function) joins that function instead of standing alone: it defines no name, and on its own a
     * chunk of a line or two outranked the type's functions for anything said about the type. So do a
     * TypeScript function's overload signatures: they, and the doc comment above the first of them,
     * start the chunk of the function's body.
     */
    static List<Region> placed(SourceLines lines, CommentStyle style, List<Region> regions) {
        List<Region> sorted = new ArrayList<>(regions);
        sorted.sort(Comparator.comparingInt(Region::startLine));
        List<Region> out = new ArrayList<>(sorted.size());
        int next = 1; // first line not yet covered
        int last = lines.count();
        for (Region r : sorted) {
            if (r.startLine() < next || r.startLine() > last) {
                continue; // overlapping or out of range: the parser broke its contract; skip, never duplicate
            }
            Region prev = out.isEmpty() ? null : out.get(out.size() - 1);
            boolean mayTake = prev != null && prev.endLine() == next - 1 && !isFunction(prev.kind());
            int floor = mayTake ? prev.startLine() + 1 : next;
            int start = LeadingLines.start(lines, style, r.startLine(), floor);
            if (mayTake && start <= prev.endLine()) {
                out.set(out.size() - 1, new Region(prev.startLine(), start - 1, prev.symbol(), prev.kind()));
            }
            int end = Math.min(r.endLine(), last);
            Region head = out.isEmpty() ? null : out.get(out.size() - 1);
            if (head != null && joins(head, r) && head.endLine() == start - 1) {
                out.set(out.size() - 1, new Region(head.startLine(), end, r.symbol(), r.kind()));
            } else {
                out.add(new Region(start, end, r.symbol(), r.kind()));
            }
            next = end + 1;
        }
        return out;
    }

    /**
     * Whether region {@code head} starts the region {@code next} right below it instead of standing
     * alone: a Rust {@code impl} header its first function, an overload's signature the next
     * signature or the body of the same function.
     */
    private static boolean joins(Region head, Region next) {
        return head.kind().equals(IMPL) && isFunction(next.kind())
                || head.kind().equals(SIGNATURE) && head.symbol().equals(next.symbol());
    }

    private static boolean isFunction(String kind) {
        return kind.equals("function") || kind.equals("method") || kind.equals("constructor");
    }

    /**
     * A prose file by sections ({@link ProseSections}): each section is one chunk, or, when longer than
     * the limits, several chunks cut at paragraph boundaries (blank lines outside fenced code), never
     * overlapping; only a paragraph too long for one chunk is cut into windows.
     */
    public List<Chunk> assembleProse(SourceFile file) {
        SourceLines lines = new SourceLines(file.text());
        List<Integer> starts = ProseSections.starts(lines, file.language());
        List<Chunk> out = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int to = k + 1 < starts.size() ? starts.get(k + 1) - 1 : lines.count();
            section(file, lines, starts.get(k), to, out);
        }
        return out;
    }

    private void section(SourceFile file, SourceLines lines, int from, int to, List<Chunk> out) {
        TokenBudget.Header header = new TokenBudget.Header(file.relPath(), "", SECTION, file.language());
        int pieceStart = -1;
        int pieceEnd = -1;
        for (int[] p : paragraphs(lines, from, to, file.language().equals("markdown"))) {
            if (pieceStart >= 0 && fits(header, lines, pieceStart, p[1])) {
                pieceEnd = p[1];
                continue;
            }
            if (pieceStart >= 0) {
                out.add(chunk(file, pieceStart, pieceEnd, "", SECTION, lines.text(pieceStart, pieceEnd), pieceStart,
                        pieceEnd));
                pieceStart = -1;
            }
            if (fits(header, lines, p[0], p[1])) {
                pieceStart = p[0];
                pieceEnd = p[1];
            } else {
                windows(file, lines, p[0], p[1], "", SECTION, out);
            }
        }
        if (pieceStart >= 0) {
            out.add(chunk(file, pieceStart, pieceEnd, "", SECTION, lines.text(pieceStart, pieceEnd), pieceStart,
                    pieceEnd));
        }
    }

    private boolean fits(TokenBudget.Header header, SourceLines lines, int from, int to) {
        if (to - from + 1 > limits.maxLines()) {
            return false;
        }
        int chars = to - from;
        for (int i = from; i <= to && chars <= limits.maxChars(); i++) {
            chars += lines.lineLength(i);
        }
        return chars <= limits.maxChars() && budget.fits(header, lines.text(from, to));
    }

    /** The paragraphs of lines [from, to]: runs of non-blank lines; a fenced code block is one, blank lines and all. */
    private static List<int[]> paragraphs(SourceLines lines, int from, int to, boolean fences) {
        List<int[]> out = new ArrayList<>();
        int start = -1;
        boolean fenced = false;
        for (int i = from; i <= to; i++) {
            String t = fences ? lines.line(i).strip() : "";
            if (fences && (t.startsWith("```") || t.startsWith("~~~"))) {
                fenced = !fenced;
            }
            boolean blank = lines.isBlankLine(i) && !fenced;
            if (!blank && start < 0) {
                start = i;
            } else if (blank && start >= 0) {
                out.add(new int[] {start, i - 1});
                start = -1;
            }
        }
        if (start >= 0) {
            out.add(new int[] {start, to});
        }
        return out;
    }

    private void gap(SourceFile file, SourceLines lines, int from, int to, List<Chunk> out) {
        if (!lines.hasAlphanumeric(from, to)) {
            return; // closing braces and blank lines carry nothing worth a chunk
        }
        windows(file, lines, from, to, "", "lines", out);
    }

    /**
     * Splits lines [from, to] into windows of at most maxLines lines and maxChars characters; each
     * records [from, to] as its region, so that search can tell the windows of one definition.
     */
    private void windows(SourceFile file, SourceLines lines, int from, int to, String symbol, String kind,
                         List<Chunk> out) {
        TokenBudget.Header header = new TokenBudget.Header(file.relPath(), symbol, kind, file.language());
        int start = from;
        while (start <= to) {
            // skip leading blank lines so windows start on content
            while (start < to && lines.isBlankLine(start)) {
                start++;
            }
            int end = start;
            int chars = lines.lineLength(start);
            while (end < to && end - start + 1 < limits.maxLines()
                    && chars + 1 + lines.lineLength(end + 1) <= limits.maxChars()) {
                end++;
                chars += 1 + lines.lineLength(end);
            }
            String text = chars > limits.maxChars() ? null : lines.text(start, end);
            if (text != null && !budget.fits(header, text)) {
                end = largestFittingEnd(header, lines, start, end);
                text = budget.fits(header, lines.line(start)) || end > start ? lines.text(start, end) : null;
            }
            if (text == null) {
                longLine(file, lines.line(start), start, symbol, kind, from, to, out);
            } else if (lines.hasNonBlank(start, end)) {
                out.add(chunk(file, start, end, symbol, kind, text, from, to));
            }
            if (end >= to) {
                break;
            }
            // windows that fit only a few lines (long lines) overlap less: never near-identical windows
            int overlap = Math.min(limits.overlapLines(), (end - start + 1) / 4);
            start = end + 1 - overlap;
        }
    }

    /** The last line in [start, end] such that lines start..it fit the token budget (start if none does). */
    private int largestFittingEnd(TokenBudget.Header header, SourceLines lines, int start, int end) {
        int lo = start;
        int hi = end - 1; // end itself does not fit
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (budget.fits(header, lines.text(start, mid))) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** A line too long for one chunk: cut into pieces within the character limit and the token budget. */
    private void longLine(SourceFile file, String line, int lineNo, String symbol, String kind, int regionStart,
                          int regionEnd, List<Chunk> out) {
        TokenBudget.Header header = new TokenBudget.Header(file.relPath(), symbol, kind, file.language());
        int off = 0;
        while (off < line.length()) {
            int len = Math.min(line.length() - off, limits.maxChars());
            while (len > 1 && !budget.fits(header, line.substring(off, off + len))) {
                len /= 2;
            }
            String piece = line.substring(off, off + len);
            if (!piece.isBlank()) {
                out.add(chunk(file, lineNo, lineNo, symbol, kind, piece, regionStart, regionEnd));
            }
            off += len;
        }
    }

    /** A chunk of lines [start, end], a window of the region [regionStart, regionEnd] (or all of it). */
    private static Chunk chunk(SourceFile file, int start, int end, String symbol, String kind, String text,
                               int regionStart, int regionEnd) {
        return new Chunk(file.relPath(), start, end, symbol, kind, file.language(), text, Hashes.of(text),
                regionStart, regionEnd);
    }
}
