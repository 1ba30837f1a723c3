package dev.codeindex.manifest.mapdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void an_entry_written_before_redaction_reads_with_none_and_the_same_header() {
        byte[] v2 = EntryCodec.encode(entry);
        byte[] v1 = Arrays.copyOf(v2, v2.length - 4); // version 1 had no count after the chunks
        v1[0] = 1;
        ManifestEntry old = EntryCodec.decode(v1);
        assertEquals(0, old.redactions());
        assertEquals(entry.chunks(), old.chunks());
        EntryHeader h = EntryCodec.decodeHeader("a.yaml", EntryCodec.head(v1));
        assertEquals(42, h.chunkerFingerprint());
        assertEquals(120, h.size());
    }
}
