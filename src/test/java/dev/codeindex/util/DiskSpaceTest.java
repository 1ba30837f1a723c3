package dev.codeindex.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling a write that failed for want of space: ENOSPC in a message, and a fault on a mapped file. */
class DiskSpaceTest {
    @TempDir
    Path tmp;

    /** The JVM's own report of a page of a mapped file that cannot be backed: here, one cut short. */
    InternalError realMappedFault() throws IOException {
        Path file = tmp.resolve("mapped.bin");
        Files.write(file, new byte[1 << 16]);
        try {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, 1 << 16);
                ch.truncate(0);
                map.put(40_000, (byte) 1);
            }
            return null;
        } catch (InternalError e) { // the JVM raises it at the access, or soon after it (compiled code)
            return e;
        }
    }

    @Test
    void a_fault_on_a_mapped_file_is_a_full_disk_only_when_the_disk_is_nearly_full() throws Exception {
        InternalError fault = realMappedFault();
        assertNotNull(fault, "writing past the end of a truncated mapping faults");
        assertTrue(DiskSpace.mappedFault(fault), fault.getMessage());
        assertTrue(DiskSpace.mappedFault(new IllegalStateException("batch failed", fault)), "found among the causes");
        Assumptions.assumeTrue(DiskSpace.usable(tmp) > DiskSpace.LOW_BYTES, "this disk is nearly full itself");
        assertFalse(DiskSpace.exhausted(fault, tmp), "with room on the disk, a fault is not a full disk");
        assertTrue(DiskSpace.exhausted(new IOException("No space left on device"), tmp));
        assertFalse(DiskSpace.mappedFault(new IOException("No space left on device")));
    }
}
