package dev.codeindex.chunk.treesitter;

import dev.codeindex.chunk.Region;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Regions of one file as the walk finds them (in document order), and their final non-overlapping form. */
final class RegionList {
    private final ArrayList<Region> regions = new ArrayList<>();

    void clear() {
        regions.clear();
    }

    int size() {
        return regions.size();
    }

    boolean isEmpty() {
        return regions.isEmpty();
    }

    void add(int startLine, int endLine, String symbol, String kind) {
        regions.add(new Region(startLine, Math.max(startLine, endLine), symbol, kind));
    }

    /**
     * Closes a type whose members' regions were added from index {@code mark} on: with function
     * members it gets a header region up to its first member (when that is not empty); without, the
     * members' regions (nested types) give way to one region over the whole type.
     */
    void closeType(int mark, int startLine, int endLine, String symbol, String kind) {
        boolean hasFunctions = false;
        for (int i = mark; i < regions.size() && !hasFunctions; i++) {
            String k = regions.get(i).kind();
            hasFunctions = k.equals("function") || k.equals("method") || k.equals("constructor");
        }
        if (hasFunctions) {
            int firstMember = regions.get(mark).startLine();
            if (firstMember - 1 >= startLine) {
                regions.add(mark, new Region(startLine, firstMember - 1, symbol, kind));
            }
        } else {
            regions.subList(mark, regions.size()).clear();
            add(startLine, endLine, symbol, kind);
        }
    }

    /** Sorted, and trimmed so no two regions share a line (a later one starts after the earlier ends, or goes). */
    List<Region> normalized() {
        List<Region> sorted = new ArrayList<>(regions);
        sorted.sort(Comparator.comparingInt(Region::startLine));
        List<Region> out = new ArrayList<>(sorted.size());
        int lastEnd = 0;
        for (Region r : sorted) {
            int start = Math.max(r.startLine(), lastEnd + 1);
            if (start > r.endLine()) {
                continue;
            }
            out.add(start == r.startLine() ? r : new Region(start, r.endLine(), r.symbol(), r.kind()));
            lastEnd = r.endLine();
        }
        return out;
    }
}
