package dev.codeindex.manifest.mapdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.SymbolStats;
import dev.codeindex.manifest.ChunkRef;
import dev.codeindex.manifest.EntryHeader;
import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.ManifestEntry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryCodecTest {
    final ManifestEntry entry = new ManifestEntry(120, 1_700_000_000_000L, "0123456789abcdef0123456789abcdef", "yaml",
            FileState.INDEXED, new SymbolStats(1, 2, 3), false, 42,
            List.of(new ChunkRef("fedcba9876543210fedcba9876543210", 1, 9)), 3);

    @Test
    void an_entry_keeps_its_redaction_count_through_a_round_trip() {
        assertEquals(entry, EntryCodec.decode(EntryCodec.encode(entry)));
    }

    @Test
    void an_entry_keeps_its_vectors_pending_flag_through_a_round_trip() {
        ManifestEntry pending = entry.withVectorsPending(true);
        assertEquals(pending, EntryCodec.decode(EntryCodec.encode(pending)));
        assertEquals(entry, EntryCodec.decode(EntryCodec.encode(entry)));
    }

    @Test
    void an_entry_written_before_the_pending_flag_reads_as_fully_embedded_with_the_same_header() {
        byte[] v3 = EntryCodec.encode(entry.withVectorsPending(true));
        byte[] v2 = Arrays.copyOf(v3, v3.length - 1); // version 2 ended with the redaction count
        v2[0] = 2;
        ManifestEntry old = EntryCodec.decode(v2);
        assertFalse(old.vectorsPending());
        assertEquals(entry, old);
        assertEquals(EntryCodec.decodeHeader("a.yaml", EntryCodec.head(v3)),
                EntryCodec.decodeHeader("a.yaml", EntryCodec.head(v2)));
    }

    @Test
    void an_entry_of_a_newer_version_is_refused_with_a_message_that_says_so() {
        byte[] future = EntryCodec.encode(entry);
        future[0] = 4;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EntryCodec.decode(future));
        assertTrue(e.getMessage().contains("newer than this codeindex"), e.getMessage());
        byte[] none = EntryCodec.encode(entry);
        none[0] = 0; // below the oldest: not "newer"
        IllegalStateException zero = assertThrows(IllegalStateException.class, () -> EntryCodec.decode(none));
        assertTrue(zero.getMessage().contains("version 0 is not one this codeindex reads (1 to 3)"), zero.getMessage());
    }

    @Test
    void an_entry_written_before_redaction_reads_with_none_and_the_same_header() {
        byte[] v3 = EntryCodec.encode(entry);
        byte[] v1 = Arrays.copyOf(v3, v3.length - 5); // version 1 had neither the count nor the flag after the chunks
        v1[0] = 1;
        ManifestEntry old = EntryCodec.decode(v1);
        assertEquals(0, old.redactions());
        assertEquals(entry.chunks(), old.chunks());
        EntryHeader h = EntryCodec.decodeHeader("a.yaml", EntryCodec.head(v1));
        assertEquals(42, h.chunkerFingerprint());
        assertEquals(120, h.size());
    }
}
