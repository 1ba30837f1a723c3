package dev.codeindex.watch;

import static dev.codeindex.watch.RootStatus.State.DEGRADED;
import static dev.codeindex.watch.RootStatus.State.INDEXING;
import static dev.codeindex.watch.RootStatus.State.SCANNING;
import static dev.codeindex.watch.RootStatus.State.WATCHING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The daemon's overall state from its roots': degraded wins, then scanning, then indexing. */
class DaemonStateTest {
    @Test
    void the_most_urgent_state_of_any_root_is_the_daemons() {
        assertEquals(WATCHING, Daemon.overall(List.of()));
        assertEquals(WATCHING, Daemon.overall(List.of(WATCHING, WATCHING)));
        assertEquals(INDEXING, Daemon.overall(List.of(WATCHING, INDEXING)));
        assertEquals(SCANNING, Daemon.overall(List.of(INDEXING, SCANNING, WATCHING)));
        assertEquals(SCANNING, Daemon.overall(List.of(SCANNING, INDEXING)));
        assertEquals(DEGRADED, Daemon.overall(List.of(SCANNING, DEGRADED, INDEXING)));
    }
}
