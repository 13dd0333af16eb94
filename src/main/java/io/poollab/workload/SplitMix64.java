package io.poollab.workload;

/**
 * SplitMix64 (Steele, Lea and Flood): a tiny, fully specified generator, so the stand-in list is
 * the same on every JDK; {@link java.util.SplittableRandom} is not promised to stay the same.
 */
final class SplitMix64 {

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long nextLong() {
    return mix(state += 0x9E3779B97F4A7C15L);
  }

  /** A uniform value in [0, bound), without modulo bias (the JDK's rejection method). */
  long nextLong(long bound) {
    long r = nextLong();
    long m = bound - 1;
    if ((bound & m) == 0L) {
      return r & m;
    }
    long u = r >>> 1;
    while (u + m - (r = u % bound) < 0L) {
      u = nextLong() >>> 1;
    }
    return r;
  }

  /** The SplitMix64 finaliser: a bijection on 64-bit values with good avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
