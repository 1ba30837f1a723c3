package dev.codeindex.chunk.treesitter;

import java.nio.charset.StandardCharsets;
import org.treesitter.TSNode;

/**
 * The text of the file being walked. Tree-sitter reports UTF-8 byte offsets: for pure ASCII text
 * (checked once, on first use) they are char indexes; otherwise the UTF-8 bytes are made once.
 */
final class SourceText {
    private String text;
    private byte[] utf8;
    private int asciiState; // 0 unknown, 1 ascii, 2 not

    void reset(String text) {
        this.text = text;
        this.utf8 = null;
        this.asciiState = 0;
    }

    /** Source text of a node ("" for null). */
    String of(TSNode n) {
        if (n == null || text == null) {
            return "";
        }
        int s = Natives.startByte(n);
        int e = Natives.endByte(n);
        if (asciiState == 0) {
            asciiState = 1;
            for (int i = 0, len = text.length(); i < len; i++) {
                if (text.charAt(i) >= 0x80) {
                    asciiState = 2;
                    utf8 = text.getBytes(StandardCharsets.UTF_8);
                    break;
                }
            }
        }
        if (asciiState == 1) {
            return s >= 0 && s <= e && e <= text.length() ? text.substring(s, e) : "";
        }
        return s >= 0 && s <= e && e <= utf8.length ? new String(utf8, s, e - s, StandardCharsets.UTF_8) : "";
    }
}
