package dev.codeindex.store.lucene;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot product in SIMD lanes (see {@link #SPECIES} for their width), four accumulators at a time so
 * consecutive fused multiply-adds do not wait on each other. Loaded only by {@link VectorDot}, and
 * only in a JVM that has the {@code jdk.incubator.vector} module: elsewhere this class cannot link.
 */
final class SimdDot implements VectorDot.Impl {
    /**
     * 256-bit lanes where the platform has them, even when it prefers 512 (AVX-512): on this project's
     * 2-core machine a 384-wide product took ~49 ns in 256-bit lanes, ~55 ns in 512-bit, ~68 ns in
     * 128-bit, ~145 ns in Lucene's loop (vectors of a working set larger than the caches, as a graph's).
     */
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256
            ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    @Override
    public float dot(float[] a, float[] b) {
        int i = 0;
        float sum = 0;
        if (a.length >= 4 * LANES) {
            FloatVector acc1 = FloatVector.zero(SPECIES);
            FloatVector acc2 = FloatVector.zero(SPECIES);
            FloatVector acc3 = FloatVector.zero(SPECIES);
            FloatVector acc4 = FloatVector.zero(SPECIES);
            int bound = a.length - a.length % (4 * LANES);
            for (; i < bound; i += 4 * LANES) {
                acc1 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), acc1);
                acc2 = FloatVector.fromArray(SPECIES, a, i + LANES).fma(FloatVector.fromArray(SPECIES, b, i + LANES), acc2);
                acc3 = FloatVector.fromArray(SPECIES, a, i + 2 * LANES)
                        .fma(FloatVector.fromArray(SPECIES, b, i + 2 * LANES), acc3);
                acc4 = FloatVector.fromArray(SPECIES, a, i + 3 * LANES)
                        .fma(FloatVector.fromArray(SPECIES, b, i + 3 * LANES), acc4);
            }
            sum = acc1.add(acc2).add(acc3.add(acc4)).reduceLanes(VectorOperators.ADD);
        }
        int bound = SPECIES.loopBound(a.length);
        if (i < bound) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (; i < bound; i += LANES) {
                acc = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), acc);
            }
            sum += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Override
    public String toString() {
        return SPECIES.vectorBitSize() + "-bit";
    }
}
