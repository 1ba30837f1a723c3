package dev.codeindex.daemon;

import static dev.codeindex.api.RootState.DEGRADED;
import static dev.codeindex.api.RootState.INDEXING;
import static dev.codeindex.api.RootState.SCANNING;
import static dev.codeindex.api.RootState.WATCHING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codeindex.api.RootState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The daemon's overall state from its roots': degraded wins, then scanning, then indexing. */
class DaemonStateTest {
    @Test
    void the_most_urgent_state_of_any_root_is_the_daemons() {
        assertEquals(WATCHING, RootState.overall(List.of()));
        assertEquals(WATCHING, RootState.overall(List.of(WATCHING, WATCHING)));
        assertEquals(INDEXING, RootState.overall(List.of(WATCHING, INDEXING)));
        assertEquals(SCANNING, RootState.overall(List.of(INDEXING, SCANNING, WATCHING)));
        assertEquals(SCANNING, RootState.overall(List.of(SCANNING, INDEXING)));
        assertEquals(DEGRADED, RootState.overall(List.of(SCANNING, DEGRADED, INDEXING)));
    }
}
