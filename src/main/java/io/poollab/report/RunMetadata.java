package io.poollab.report;

import java.util.List;
import java.util.Objects;

/**
 * Where and how a run ran, read from the run folder's {@code metadata.json}.
 *
 * <p>Fields missing from the file read as {@link #UNKNOWN} (numbers as {@code 0}), so a report
 * can always show the table and state the gap.
 *
 * <pre>{@code
 * RunMetadata m = RunReader.read(runDir).metadata();
 * System.out.println(m.machineClass() + " " + m.cores() + " cores, " + m.jvm());
 * }</pre>
 *
 * @param cpuModel the CPU model string
 * @param cores the number of logical cores the JVM saw ({@code 0}: unknown)
 * @param memoryBytes the machine's memory in bytes ({@code 0}: unknown)
 * @param os the operating system name and version
 * @param jvm the JVM name and version
 * @param jvmFlags the flags the benchmark JVMs ran with
 * @param commit the source commit of the lab
 * @param dataset the word list the run hashed
 * @param profile the benchmark profile ({@code quick}, {@code standard}, {@code full})
 * @param startedAt when the run started (ISO-8601 text as written)
 * @param machineClass a short machine label such as {@code linux-x86_64-2c}
 */
public record RunMetadata(
    String cpuModel,
    int cores,
    long memoryBytes,
    String os,
    String jvm,
    List<String> jvmFlags,
    String commit,
    Dataset dataset,
    String profile,
    String startedAt,
    String machineClass) {

  /** The text shown for a field the metadata file did not give. */
  public static final String UNKNOWN = "unknown";

  /** Checks the fields and copies the flag list. */
  public RunMetadata {
    Objects.requireNonNull(cpuModel, "cpuModel");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(jvm, "jvm");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(machineClass, "machineClass");
    if (cores < 0) {
      throw new IllegalArgumentException("cores must be >= 0 (0 = unknown), was " + cores);
    }
    if (memoryBytes < 0) {
      throw new IllegalArgumentException(
          "memoryBytes must be >= 0 (0 = unknown), was " + memoryBytes);
    }
    jvmFlags = List.copyOf(jvmFlags);
  }

  /**
   * Metadata for a run whose {@code metadata.json} is missing or unreadable: every field unknown.
   *
   * @return metadata with every field {@link #UNKNOWN}
   */
  public static RunMetadata unknown() {
    return new RunMetadata(
        UNKNOWN, 0, 0, UNKNOWN, UNKNOWN, List.of(), UNKNOWN, Dataset.unknown(), UNKNOWN, UNKNOWN,
        UNKNOWN);
  }

  /**
   * The word list a run used.
   *
   * @param path where it was read from
   * @param sha256 its SHA-256 checksum, hex
   * @param words how many words it holds ({@code 0}: unknown)
   * @param wordsUsed how many of them the benchmarks hashed (the quick profile uses a slice)
   */
  public record Dataset(String path, String sha256, long words, long wordsUsed) {

    /** Checks the fields. */
    public Dataset {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(sha256, "sha256");
      if (words < 0 || wordsUsed < 0) {
        throw new IllegalArgumentException(
            "words and wordsUsed must be >= 0 (0 = unknown), were " + words + ", " + wordsUsed);
      }
    }

    /**
     * A dataset whose words were all used.
     *
     * @param path where it was read from
     * @param sha256 its checksum
     * @param words how many words it holds
     */
    public Dataset(String path, String sha256, long words) {
      this(path, sha256, words, words);
    }

    /**
     * A dataset nothing is known about.
     *
     * @return a dataset with every field unknown
     */
    public static Dataset unknown() {
      return new Dataset(UNKNOWN, UNKNOWN, 0, 0);
    }
  }
}
