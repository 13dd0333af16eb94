package io.poollab.bench;

import java.util.List;

/**
 * Where and how a run ran: {@code metadata.json} in the run folder. A result without it is not
 * a result (DESIGN.md, "The lab's rules").
 *
 * <pre>{@code
 * RunMetadata m = MetadataCollector.collect(Profile.QUICK, dataset, jvmFlags, Instant.now(), Path.of("."), 3, 42L);
 * m.machineClass();   // "linux-amd64-2c-amd-epyc"
 * }</pre>
 *
 * @param cpuModel the CPU's model name ({@code /proc/cpuinfo}), or "unknown"
 * @param cores the processors the JVM sees
 * @param memoryBytes the machine's physical memory
 * @param os the operating system name and version
 * @param arch the JVM's {@code os.arch}
 * @param jvm the JVM in one line: name, version, vendor
 * @param jvmName the JVM's name ({@code java.vm.name})
 * @param jvmVersion the Java runtime version ({@code java.runtime.version})
 * @param jvmVendor the JVM's vendor
 * @param jvmFlags the flags the benchmark JVMs ran with
 * @param commit the git commit of the code ({@code git rev-parse HEAD}), or "unknown"
 * @param dataset the word list and its checksum
 * @param profile quick, standard or full
 * @param startedAt when the run started, ISO-8601 UTC
 * @param machineClass {@code os-arch-<cores>c-<cpu>} in lowercase, e.g.
 *     {@code linux-amd64-2c-amd-epyc} ({@link MetadataCollector#machineClass}): the key the
 *     regression check files baselines under
 * @param rounds the interleaved rounds planned
 * @param seed the seed of the rounds' order (each fork's place is in {@code rounds.json})
 */
public record RunMetadata(
    String cpuModel,
    int cores,
    long memoryBytes,
    String os,
    String arch,
    String jvm,
    String jvmName,
    String jvmVersion,
    String jvmVendor,
    List<String> jvmFlags,
    String commit,
    DatasetInfo dataset,
    String profile,
    String startedAt,
    String machineClass,
    int rounds,
    long seed) {

  /** Checks the fields that readers rely on. */
  public RunMetadata {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be >= 1, was " + cores);
    }
    if (dataset == null) {
      throw new IllegalArgumentException("dataset must not be null");
    }
    if (machineClass == null || !machineClass.matches("[a-z0-9_.]+-[a-z0-9_.]+-\\d+c(-[a-z0-9.]+)*")) {
      throw new IllegalArgumentException(
          "machineClass must look like linux-amd64-2c or linux-amd64-2c-amd-epyc, was " + machineClass);
    }
    jvmFlags = List.copyOf(jvmFlags);
  }

  /**
   * This metadata with another commit (the reference build's, in {@code check --against}).
   *
   * @param other the commit
   * @return the copy
   */
  public RunMetadata withCommit(String other) {
    return new RunMetadata(cpuModel, cores, memoryBytes, os, arch, jvm, jvmName, jvmVersion, jvmVendor,
        jvmFlags, other, dataset, profile, startedAt, machineClass, rounds, seed);
  }
}
