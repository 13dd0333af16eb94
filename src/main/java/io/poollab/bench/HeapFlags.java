package io.poollab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The heap flags of every JVM the lab measures in (benchmark forks and the member processes of a
 * {@code CLUSTER} pool): a fixed heap, touched at start, on transparent huge pages where the
 * kernel hands them out on request.
 *
 * <p>Why touched at start: a JVM whose young generation grows into pages the kernel has not yet
 * handed over runs an allocating job several times slower for its first seconds (the word job on
 * a 2-vCPU VM: 360 ms/op instead of 40 for 4-5 s; a {@code CLUSTER} member without it took 7
 * operations over the whole list to settle at about 0.9 s, with it one). Why huge pages: touching
 * the heap page by page is what a fork's start spends most of its time on in a VM (on the AMD
 * EPYC 2-vCPU VM: 0.65-2.0 s for 1 GiB, 1.6-3.2 s for 2 GiB, against 0.16 and 0.26 s on 2 MiB
 * pages), and the standard profile starts 162 forks. The kernel's mode decides: {@code madvise}
 * gives huge pages to a JVM that asks ({@code -XX:+UseTransparentHugePages}), {@code always}
 * gives them without asking, {@code never} (or no such file) gives none, and asking there would
 * only make the JVM warn.
 *
 * <pre>{@code
 * List<String> flags = HeapFlags.fixedHeap("2g"); // [-Xms2g, -Xmx2g, -XX:+AlwaysPreTouch, -XX:+UseTransparentHugePages]
 * }</pre>
 */
public final class HeapFlags {

  /** Where Linux says which transparent huge page mode is on, the chosen one in brackets. */
  static final Path THP_MODE = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  private HeapFlags() {}

  /**
   * A fixed heap of {@code size}, touched at start, on huge pages when this machine's kernel gives
   * them on request.
   *
   * @param size a heap size as {@code -Xmx} takes it: digits and an optional k, m or g
   * @return the flags
   * @throws IllegalArgumentException when {@code size} is not such a size
   */
  public static List<String> fixedHeap(String size) {
    return fixedHeap(size, thpMode(THP_MODE));
  }

  /**
   * The same for a given transparent huge page mode.
   *
   * @param size the heap size
   * @param thpMode the kernel's mode ({@code always}, {@code madvise}, {@code never}), empty when
   *     unknown
   * @return the flags; {@code -XX:+UseTransparentHugePages} only for {@code madvise}
   */
  static List<String> fixedHeap(String size, Optional<String> thpMode) {
    if (size == null || !size.matches("[1-9][0-9]*[kKmMgG]?")) {
      throw new IllegalArgumentException(
          "heap size must be digits and an optional k, m or g, such as 512m or 2g; was " + size);
    }
    List<String> flags = new ArrayList<>(List.of("-Xms" + size, "-Xmx" + size, "-XX:+AlwaysPreTouch"));
    if (thpMode.filter("madvise"::equals).isPresent()) {
      flags.add("-XX:+UseTransparentHugePages");
    }
    return List.copyOf(flags);
  }

  /**
   * The chosen mode in a file like {@code always [madvise] never}.
   *
   * @param file the kernel's file
   * @return the bracketed word; empty when the file is missing, unreadable or has none
   */
  static Optional<String> thpMode(Path file) {
    try {
      String text = Files.readString(file);
      int open = text.indexOf('[');
      int close = text.indexOf(']', open + 1);
      return open < 0 || close < 0 ? Optional.empty() : Optional.of(text.substring(open + 1, close).strip());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
