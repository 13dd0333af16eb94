package io.poollab.workload;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.LongConsumer;

/**
 * Writes a synthetic word list shaped like the real one: for {@link ReferenceList#WORDS} words
 * it has exactly the real list's word-length histogram and exactly its 979,250 distinct words;
 * other sizes scale both proportionally. The same size and seed give the same bytes on every
 * machine and JDK.
 *
 * <p>How: the length of each next line is drawn from the lengths still owed (so the histogram
 * is exact and the order random); each line is either the next new word of its length or a
 * repeat of an earlier one, drawn so the number of distinct words per length is exact. The
 * {@code j}-th distinct word of a length is a pure function of {@code (seed, length, j)}: a keyed
 * bijection of {@code j} written in the digits of an alphabet, so distinct indexes give distinct
 * words without any set in memory, and a repeat is just the same index again. Nothing but a few
 * counters is held, so any size streams to disk.
 *
 * <p>Words use characters of the real list's alphabet: lowercase letters where the length leaves
 * room (4 bytes and up at the default size), adding digits, {@code -}, {@code '}, uppercase
 * letters and {@code !#$%&*+./;@^_} for the short lengths that need more distinct words. Every
 * line ends with CRLF, as in the real list.
 *
 * <pre>{@code
 * StandInGenerator.write(Path.of("datasets/10m_words.txt"), 10_000_000L, StandInGenerator.DEFAULT_SEED);
 * }</pre>
 */
public final class StandInGenerator {

  /** The seed of the default stand-in list. */
  public static final long DEFAULT_SEED = 1_049_938L;

  /**
   * The SHA-256 of the default stand-in ({@link ReferenceList#WORDS} words,
   * {@link #DEFAULT_SEED}): the same on every machine; it changes only with this generator.
   */
  public static final String DEFAULT_SHA256 =
      "7f36d4f14dce03ad9527b7287231bcc3ccde3bc0134f8bc98f5dfe2c081367cc";

  /** The most words one call writes (about 90 TB of text; the limit keeps the arithmetic exact). */
  public static final long MAX_WORDS = 10_000_000_000_000L;

  private static final int LENGTHS = ReferenceList.MAX_LENGTH + 1;
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String LOWER_PLUS = LOWER + "0123456789-'";
  private static final String ALL = LOWER_PLUS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "!#$%&*+./;@^_";
  private static final byte[][] ALPHABETS = {
    LOWER.getBytes(StandardCharsets.US_ASCII),
    LOWER_PLUS.getBytes(StandardCharsets.US_ASCII),
    ALL.getBytes(StandardCharsets.US_ASCII)
  };
  private static final long SPACE_CAP = 1L << 62;
  private static final int PROGRESS_EVERY = 1 << 16;

  private StandInGenerator() {}

  /**
   * Writes {@code words} lines to {@code out}, replacing it atomically when it is complete.
   *
   * @param out the file to write (its parent folder must exist)
   * @param words the number of lines, 0 to {@link #MAX_WORDS}
   * @param seed the seed; {@link #DEFAULT_SEED} gives the default stand-in
   * @throws IllegalArgumentException when {@code words} is out of range
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Path out, long words, long seed) {
    write(out, words, seed, done -> { });
  }

  /**
   * Writes {@code words} lines to {@code out}, reporting progress as it goes.
   *
   * @param out the file to write (its parent folder must exist)
   * @param words the number of lines, 0 to {@link #MAX_WORDS}
   * @param seed the seed; {@link #DEFAULT_SEED} gives the default stand-in
   * @param progress called with the number of lines written so far, every 65,536 lines and at
   *     the end
   * @throws IllegalArgumentException when {@code words} is out of range
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Path out, long words, long seed, LongConsumer progress) {
    if (words < 0 || words > MAX_WORDS) {
      throw new IllegalArgumentException(
          "words must be between 0 and " + MAX_WORDS + ", was " + words);
    }
    Path absolute = out.toAbsolutePath();
    Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp-" + ProcessHandle.current().pid()
        + "-" + Thread.currentThread().threadId());
    try {
      try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20)) {
        new Writer(words, seed).writeTo(stream, progress);
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot write the word list " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * The size in bytes of a list of {@code words} lines (every line ends with CRLF).
   *
   * @param words the number of lines, 0 to {@link #MAX_WORDS}
   * @return the file size {@link #write} produces
   */
  public static long expectedBytes(long words) {
    long[] lines = lineQuotas(words);
    long bytes = 0;
    for (int length = 0; length < LENGTHS; length++) {
      bytes += lines[length] * (length + 2);
    }
    return bytes;
  }

  /**
   * How many lines of each length a list of {@code words} lines has: the real histogram scaled,
   * rounded by largest remainder so the counts add up to {@code words}.
   */
  static long[] lineQuotas(long words) {
    if (words < 0 || words > MAX_WORDS) {
      throw new IllegalArgumentException(
          "words must be between 0 and " + MAX_WORDS + ", was " + words);
    }
    long[] quotas = new long[LENGTHS];
    long[] remainders = new long[LENGTHS];
    long assigned = 0;
    for (int length = 0; length < LENGTHS; length++) {
      long scaled = ReferenceList.linesOfLength(length) * words; // < 2^63 within MAX_WORDS
      quotas[length] = scaled / ReferenceList.WORDS;
      remainders[length] = scaled % ReferenceList.WORDS;
      assigned += quotas[length];
    }
    for (long left = words - assigned; left > 0; left--) {
      int best = 0;
      for (int length = 1; length < LENGTHS; length++) {
        if (remainders[length] > remainders[best]) {
          best = length;
        }
      }
      quotas[best]++;
      remainders[best] = -1;
    }
    return quotas;
  }

  /**
   * How many distinct words of each length: the real counts scaled, at least one where a length
   * has lines, and no more than the lines or the words the alphabet can spell.
   */
  static long[] distinctQuotas(long words, long[] lines) {
    long[] distinct = new long[LENGTHS];
    for (int length = 0; length < LENGTHS; length++) {
      if (lines[length] == 0) {
        continue;
      }
      long scaled = Math.round(
          (double) ReferenceList.distinctOfLength(length) * words / ReferenceList.WORDS);
      if (words == ReferenceList.WORDS) {
        scaled = ReferenceList.distinctOfLength(length); // exact at the default size
      }
      long room = space(ALPHABETS[ALPHABETS.length - 1].length, length);
      distinct[length] = Math.max(1, Math.min(scaled, Math.min(lines[length], room)));
    }
    return distinct;
  }

  /** base^length, capped at 2^62. */
  static long space(int base, int length) {
    long space = 1;
    for (int i = 0; i < length; i++) {
      if (space > SPACE_CAP / base) {
        return SPACE_CAP;
      }
      space *= base;
    }
    return space;
  }

  /** The state of one write: counters only. */
  private static final class Writer {

    private final long words;
    private final SplitMix64 random;
    private final long[] linesLeft;
    private final long[] distinct;
    private final long[] newSoFar = new long[LENGTHS];
    private final long[] newLeft = new long[LENGTHS];
    private final Spelling[] spellings = new Spelling[LENGTHS];

    Writer(long words, long seed) {
      this.words = words;
      this.random = new SplitMix64(seed);
      this.linesLeft = lineQuotas(words);
      this.distinct = distinctQuotas(words, linesLeft);
      for (int length = 0; length < LENGTHS; length++) {
        newLeft[length] = distinct[length];
        spellings[length] = new Spelling(seed, length, distinct[length]);
      }
    }

    void writeTo(OutputStream out, LongConsumer progress) throws IOException {
      byte[] line = new byte[ReferenceList.MAX_LENGTH + 2];
      for (long written = 0; written < words; written++) {
        int length = drawLength(words - written);
        long index;
        // new word with probability newLeft/linesLeft: exact distinct count, random positions
        if (newSoFar[length] == 0 || random.nextLong(linesLeft[length]) < newLeft[length]) {
          index = newSoFar[length]++;
          newLeft[length]--;
        } else {
          index = random.nextLong(newSoFar[length]);
        }
        linesLeft[length]--;
        spellings[length].spell(index, line);
        line[length] = '\r';
        line[length + 1] = '\n';
        out.write(line, 0, length + 2);
        if ((written + 1) % PROGRESS_EVERY == 0) {
          progress.accept(written + 1);
        }
      }
      progress.accept(words);
    }

    /** Draws a length from the lines still owed, each line equally likely. */
    private int drawLength(long remaining) {
      long r = random.nextLong(remaining);
      for (int length = 0; length < LENGTHS; length++) {
        r -= linesLeft[length];
        if (r < 0) {
          return length;
        }
      }
      throw new AssertionError("line quotas exhausted");
    }
  }

  /**
   * Spells the {@code j}-th distinct word of one length: a keyed permutation of {@code j} over
   * {@code [0, base^digits)} (cycle-walking a bijection on the next power of two), written in
   * base-{@code base} digits; lengths longer than 62 bits of digits fill the rest from a hash of
   * {@code j}, which keeps the words distinct since the digits already are.
   */
  private static final class Spelling {

    private final byte[] alphabet;
    private final int length;
    private final int digits;
    private final long space;
    private final int bits;
    private final long mask;
    private final long key1;
    private final long key2;
    private final long fillKey;

    Spelling(long seed, int length, long distinct) {
      this.length = length;
      byte[] chosen = ALPHABETS[ALPHABETS.length - 1];
      for (byte[] candidate : ALPHABETS) {
        // the smallest alphabet that leaves room for twice the words, so they look random
        if (space(candidate.length, length) >= 2 * distinct) {
          chosen = candidate;
          break;
        }
      }
      this.alphabet = chosen;
      int d = 0;
      long s = 1;
      while (d < length && s <= SPACE_CAP / chosen.length) {
        s *= chosen.length;
        d++;
      }
      this.digits = d;
      this.space = s;
      this.bits = s <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(s - 1);
      this.mask = bits == 0 ? 0 : (1L << bits) - 1;
      this.key1 = SplitMix64.mix(seed ^ (0x100000001B3L * (length + 1)));
      this.key2 = SplitMix64.mix(key1 + 0x9E3779B97F4A7C15L);
      this.fillKey = SplitMix64.mix(key2 + 0x9E3779B97F4A7C15L);
    }

    void spell(long index, byte[] out) {
      long value = permute(index);
      int base = alphabet.length;
      for (int i = 0; i < digits; i++) {
        out[i] = alphabet[(int) (value % base)];
        value /= base;
      }
      long fill = fillKey ^ index;
      for (int i = digits; i < length; i++) {
        fill = SplitMix64.mix(fill + 0x9E3779B97F4A7C15L);
        out[i] = alphabet[(int) Long.remainderUnsigned(fill, base)];
      }
    }

    private long permute(long index) {
      if (space <= 1) {
        return 0;
      }
      long x = index;
      do {
        x = round(x);
      } while (x >= space);
      return x;
    }

    /** A bijection on [0, 2^bits): add, odd multiply and right xorshift are each invertible. */
    private long round(long x) {
      int shift = (bits + 1) / 2;
      x = (x + key1) & mask;
      x = (x * 0x9E3779B97F4A7C15L) & mask;
      x ^= x >>> shift;
      x = (x * 0xBF58476D1CE4E5B9L) & mask;
      x ^= x >>> shift;
      x = (x + key2) & mask;
      x = (x * 0x94D049BB133111EBL) & mask;
      x ^= x >>> shift;
      return x;
    }
  }
}
