package io.bantin.visit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a fast keyed hash whose 64-bit output cannot be
 * predicted or reversed without the 128-bit key, which is what a daily visitor salt needs.
 *
 * <p>{@link #hash(long, long, byte[])} is the textbook byte-oriented form, checked against the
 * paper's test vectors. {@link #hashWords} hashes the same kind of byte stream without building
 * it: four 64-bit words followed by the UTF-16LE code units of a string.
 */
final class SipHash {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long v0;
    private long v1;
    private long v2;
    private long v3;

    private SipHash(long k0, long k1) {
        v0 = k0 ^ 0x736f6d6570736575L;
        v1 = k1 ^ 0x646f72616e646f6dL;
        v2 = k0 ^ 0x6c7967656e657261L;
        v3 = k1 ^ 0x7465646279746573L;
    }

    /** SipHash-2-4 of {@code data} under the key (k0, k1), the key's bytes read little-endian. */
    static long hash(long k0, long k1, byte[] data) {
        SipHash s = new SipHash(k0, k1);
        int blocks = data.length / 8;
        for (int i = 0; i < blocks; i++) {
            s.compress((long) LONG_LE.get(data, i * 8));
        }
        long tail = 0;
        for (int i = data.length - 1; i >= blocks * 8; i--) {
            tail = (tail << 8) | (data[i] & 0xffL);
        }
        return s.finish(tail, data.length);
    }

    /**
     * SipHash-2-4 of the little-endian bytes of {@code w0} to {@code w3} followed by the UTF-16LE
     * code units of {@code text}, without allocating the byte stream.
     */
    static long hashWords(long k0, long k1, long w0, long w1, long w2, long w3, String text) {
        SipHash s = new SipHash(k0, k1);
        s.compress(w0);
        s.compress(w1);
        s.compress(w2);
        s.compress(w3);
        int n = text.length();
        int full = n & ~3;
        for (int i = 0; i < full; i += 4) {
            s.compress(text.charAt(i) | (long) text.charAt(i + 1) << 16
                    | (long) text.charAt(i + 2) << 32 | (long) text.charAt(i + 3) << 48);
        }
        long tail = 0;
        for (int i = n - 1; i >= full; i--) {
            tail = (tail << 16) | text.charAt(i);
        }
        return s.finish(tail, 32L + 2L * n);
    }

    private void compress(long m) {
        v3 ^= m;
        round();
        round();
        v0 ^= m;
    }

    private long finish(long tail, long length) {
        long b = (length << 56) | tail;
        compress(b);
        v2 ^= 0xff;
        round();
        round();
        round();
        round();
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private void round() {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13);
        v1 ^= v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17);
        v1 ^= v2;
        v2 = Long.rotateLeft(v2, 32);
    }
}
