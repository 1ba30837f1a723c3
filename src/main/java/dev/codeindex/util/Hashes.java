package dev.codeindex.util;

import java.nio.charset.StandardCharsets;
import net.openhft.hashing.LongTupleHashFunction;

/** 128-bit XXH3 content hashes, as 32 hex digits. Thread-safe. */
public final class Hashes {
    private static final LongTupleHashFunction XX128 = LongTupleHashFunction.xx128();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Hashes() {}

    public static String of(byte[] bytes) {
        return hex(XX128.hashBytes(bytes));
    }

    public static String of(byte[] bytes, int off, int len) {
        return hex(XX128.hashBytes(bytes, off, len));
    }

    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(long[] h) {
        char[] out = new char[32];
        for (int w = 0; w < 2; w++) {
            long v = h[w];
            for (int i = 15; i >= 0; i--) {
                out[w * 16 + i] = HEX[(int) (v & 0xf)];
                v >>>= 4;
            }
        }
        return new String(out);
    }
}
