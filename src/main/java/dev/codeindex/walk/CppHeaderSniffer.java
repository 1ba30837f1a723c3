package dev.codeindex.walk;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

/**
 * Tells a C++ header from a C header by its first bytes. Only unambiguous C++ constructs count,
 * each at the start of a line so that prose in comments ("network namespace") does not: {@code
 * namespace x}, {@code template <}, {@code class X {}/{@code :}, access specifiers, {@code using},
 * and standard includes without an extension ({@code #include <vector>}); plus {@code std::}
 * anywhere. {@code extern "C"} is not a sign: C headers use it to be includable from C++.
 *
 * <p>Stateless and thread-safe.
 */
final class CppHeaderSniffer {
    private static final String[] LINE_STARTS = {
        "namespace ", "template<", "template <", "public:", "private:", "protected:",
        "using namespace ", "using std::",
    };

    private CppHeaderSniffer() {}

    static boolean looksLikeCpp(byte[] head, int len) {
        if (head == null || len <= 0) {
            return false;
        }
        String text = new String(head, 0, Math.min(len, Languages.BINARY_PROBE_BYTES), ISO_8859_1);
        if (text.contains("std::")) {
            return true;
        }
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            if (cppLine(text.substring(start, end).strip())) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean cppLine(String line) {
        for (String s : LINE_STARTS) {
            if (line.startsWith(s)) {
                return true;
            }
        }
        if (line.startsWith("class ") && (line.endsWith("{") || line.contains(" : "))) {
            return true;
        }
        if (line.startsWith("#include <") || line.startsWith("# include <")) {
            int close = line.indexOf('>');
            return close > 0 && line.lastIndexOf('.', close) < line.indexOf('<');
        }
        return false;
    }
}
