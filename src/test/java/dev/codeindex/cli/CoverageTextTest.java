package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.codeindex.api.Coverage;
import org.junit.jupiter.api.Test;

/** The coverage line names both kinds of waiting: files not indexed yet, and indexed files without vectors. */
class CoverageTextTest {
    @Test
    void files_waiting_for_vectors_are_named_apart_from_files_waiting_to_be_indexed() {
        // a pause in the embed phase: every file is indexed, most wait for vectors (a trial read "0 waiting")
        assertEquals("589 files keyword-indexed, 65 embedded (524 waiting for vectors)",
                CoverageText.counts(new Coverage(589, 589, 65, false)));
        assertEquals("300 files keyword-indexed, 120 embedded (180 waiting for vectors), 546 more waiting to be"
                + " indexed (an index pass is running)", CoverageText.counts(new Coverage(846, 300, 120, true)));
        assertEquals("1 file keyword-indexed, 0 embedded (1 waiting for vectors), how many more wait to be indexed"
                + " is not known yet", CoverageText.counts(new Coverage(-1, 1, 0, false)));
        assertEquals("2,000 files keyword-indexed, 2,000 embedded, 3 more waiting to be indexed",
                CoverageText.counts(new Coverage(2003, 2000, 2000, false)));
        assertEquals("not known yet (an index pass is running)", CoverageText.counts(Coverage.UNKNOWN));
        assertNull(CoverageText.line(new Coverage(5, 5, 5, false)), "complete coverage needs no line");
    }
}
