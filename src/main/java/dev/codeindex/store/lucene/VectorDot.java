package dev.codeindex.store.lucene;

import dev.codeindex.util.Jit;
import org.apache.lucene.util.VectorUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dot product the vector graph is built with. Building the graph compares each new vector with a
 * few hundred others, and on Java 17 Lucene compares them in a plain loop (its SIMD code needs Java 20+):
 * that loop was most of a semantic pass with a fast embedder. With Java's vector module in the JVM
 * ({@code --add-modules jdk.incubator.vector}, which {@code bin/codeindex} adds) and C2 running, the
 * product is computed with SIMD lanes ({@link SimdDot}); otherwise with Lucene's loop. The choice is
 * made once per JVM and checked against the loop on a known pair first.
 *
 * <p>SIMD sums in another order than the loop, so a product may differ in its last bits: that moves
 * a graph's neighbour choice at most, never what is stored.
 */
final class VectorDot {
    /**
     * Lucene's notice about the vector module: on Java 17 it warns that the module "was enabled by
     * command line flags, but your Java version is too old" (its own SIMD code needs 20+), which reads
     * as if the option did nothing while this class uses it. Held here: java.util.logging keeps
     * loggers only weakly, and a collected one would forget its level.
     */
    private static final java.util.logging.Logger LUCENE_NOTICE =
            quiet(java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider"));

    private static final Logger log = LoggerFactory.getLogger(VectorDot.class);
    /** A product of two vectors of one length. */
    interface Impl {
        float dot(float[] a, float[] b);
    }

    /** Lucene's own product. */
    static final Impl SCALAR = VectorUtil::dotProduct;
    /** What this JVM uses. */
    static final Impl IMPL;
    /** In words, for the log and the tests: "SIMD, 512-bit" or "scalar (why)". */
    static final String KIND;

    static {
        String[] kind = new String[1];
        IMPL = choose(kind);
        KIND = kind[0];
        log.debug("vector graph dot products: {}", KIND);
    }

    private VectorDot() {}

    /**
     * Silences {@link #LUCENE_NOTICE} below errors (by initialising this class, whose first field does
     * it): called before Lucene first looks for the module.
     */
    static void quietLucenesNotice() {
        // the class initialiser did it
    }

    private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    private static Impl choose(String[] kind) {
        if (Boolean.getBoolean("codeindex.scalarDot")) {
            kind[0] = "scalar (codeindex.scalarDot is set)";
            return SCALAR;
        }
        if (!Jit.c2Runs()) {
            kind[0] = "scalar (C2 is off in this JVM, and vector code is slow without it)";
            return SCALAR;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            kind[0] = "scalar (no jdk.incubator.vector module in this JVM)";
            return SCALAR;
        }
        try {
            Impl simd = (Impl) Class.forName(VectorDot.class.getPackageName() + ".SimdDot")
                    .getDeclaredConstructor().newInstance();
            float[] a = new float[397];
            float[] b = new float[397];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) Math.sin(i);
                b[i] = (float) Math.cos(i * 0.7);
            }
            float want = SCALAR.dot(a, b);
            float got = simd.dot(a, b);
            if (!(Math.abs(got - want) <= 1e-4f * Math.max(1, Math.abs(want)))) {
                kind[0] = "scalar (the SIMD product gave " + got + " where the loop gives " + want + ")";
                return SCALAR;
            }
            kind[0] = "SIMD, " + simd + "";
            return simd;
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            kind[0] = "scalar (SIMD unavailable: " + e + ")";
            return SCALAR;
        }
    }
}
