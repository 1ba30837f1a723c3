package dev.codeindex.util;

import java.nio.charset.StandardCharsets;
import net.openhft.hashing.LongTupleHashFunction;

/** 128-bit XXH3 content hashes, as 32 hex digits. Thread-safe. */
public final class Hashes {
    private static final LongTupleHashFunction XX128 = LongTupleHashFunction.xx128();
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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
        // hex digits as Latin-1 bytes: the String takes them as they are (from char[] it must compress them)
        byte[] out = new byte[32];
        for (int w = 0; w < 2; w++) {
            long v = h[w];
            for (int i = 15; i >= 0; i--) {
                out[w * 16 + i] = HEX[(int) (v & 0xf)];
                v >>>= 4;
            }
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** {@code len} bytes from {@code off} as lowercase hex. */
    public static String hex(byte[] b, int off, int len) {
        byte[] out = new byte[2 * len];
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xff;
            out[2 * i] = HEX[v >>> 4];
            out[2 * i + 1] = HEX[v & 0xf];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** The bytes of a hex string (even length, as {@link #hex} writes it). */
    public static byte[] fromHex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        return out;
    }
}
