package io.poollab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Gathers {@link RunMetadata} from this machine and JVM, and writes it as JSON.
 *
 * <pre>{@code
 * RunMetadata m = MetadataCollector.collect(Profile.STANDARD, dataset, List.of("-Xmx2g"), Instant.now(), Path.of("."), 3, 42L);
 * MetadataCollector.write(m, runDir.resolve("metadata.json"));
 * }</pre>
 */
public final class MetadataCollector {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetadataCollector() {}

  /**
   * Collects the metadata of a run starting now.
   *
   * @param profile the profile
   * @param dataset the dataset description
   * @param jvmFlags the flags the benchmark JVMs get
   * @param startedAt the start time
   * @param repo the folder to ask git for the commit
   * @param rounds the interleaved rounds planned
   * @param seed the seed of their order
   * @return the metadata
   */
  public static RunMetadata collect(Profile profile, DatasetInfo dataset, List<String> jvmFlags,
      Instant startedAt, Path repo, int rounds, long seed) {
    int cores = Runtime.getRuntime().availableProcessors();
    String cpu = cpuModel();
    String osName = System.getProperty("os.name", "unknown");
    String arch = System.getProperty("os.arch", "unknown");
    String vmName = System.getProperty("java.vm.name", "unknown");
    String version = System.getProperty("java.runtime.version", System.getProperty("java.version"));
    String vendor = System.getProperty("java.vm.vendor", "unknown");
    return new RunMetadata(
        cpu,
        cores,
        memoryBytes(),
        osName + " " + System.getProperty("os.version", ""),
        arch,
        vmName + " " + version + " (" + vendor + ")",
        vmName,
        version,
        vendor,
        jvmFlags,
        commit(repo),
        dataset,
        profile.id(),
        startedAt.truncatedTo(ChronoUnit.SECONDS).toString(),
        machineClass(osName, arch, cores, cpu),
        rounds,
        seed);
  }

  /**
   * {@code os-arch-<cores>c-<cpu>}, lowercase, the OS's first word only, the CPU as its model
   * name's words without trademarks, "CPU", "Processor" and the clock: {@code linux-amd64-2c-amd-epyc},
   * {@code linux-amd64-2c-intel-xeon}; without the CPU part when the model is unknown. The CPU is
   * part of the class because a baseline from one CPU model does not judge runs on another: the
   * 2-vCPU VMs of this project's CI ran on Intel Xeon and AMD EPYC hosts, and with unchanged code
   * the round trip's latency moved 3x in serial item times between them, the CPU task's 1-worker
   * speed-up 4.5%, more than its 2.5% threshold.
   */
  static String machineClass(String osName, String arch, int cores, String cpuModel) {
    String os = osName.trim().split("\\s+")[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]", "");
    String a = arch.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]", "");
    String base = (os.isEmpty() ? "unknown" : os) + "-" + (a.isEmpty() ? "unknown" : a) + "-" + cores + "c";
    String cpu = cpuSlug(cpuModel);
    return cpu.isEmpty() ? base : base + "-" + cpu;
  }

  /**
   * The CPU model as a name part: {@code Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz} ->
   * {@code intel-xeon-platinum-8375c}; empty when unknown.
   */
  static String cpuSlug(String cpuModel) {
    if (cpuModel == null || cpuModel.isBlank() || cpuModel.equals("unknown")) {
      return "";
    }
    String s = cpuModel.toLowerCase(Locale.ROOT);
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    s = s.replaceAll("\\((r|tm|c)\\)", " ").replaceAll("\\b(cpu|processor|\\d+-core)\\b", " ");
    s = s.replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
    return s.length() > 40 ? s.substring(0, 40).replaceAll("-+$", "") : s;
  }

  /** The first {@code model name} of /proc/cpuinfo, or "unknown". */
  static String cpuModel() {
    return cpuModel(Path.of("/proc/cpuinfo"));
  }

  static String cpuModel(Path cpuinfo) {
    try {
      for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
          return line.substring(colon + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: fall through
    }
    return "unknown";
  }

  /** Physical memory: MemTotal of /proc/meminfo, else the JVM's view of the OS. */
  static long memoryBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("MemTotal:")) {
          String kb = line.substring("MemTotal:".length()).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall back below
    }
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Runtime.getRuntime().maxMemory();
  }

  /** {@code git rev-parse HEAD} in {@code repo}, or "unknown". */
  static String commit(Path repo) {
    try {
      Process p =
          new ProcessBuilder("git", "rev-parse", "HEAD")
              .directory(repo.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
        return out;
      }
      p.destroy();
    } catch (IOException e) {
      // no git
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }

  /**
   * Writes the metadata as indented JSON.
   *
   * @param metadata the metadata
   * @param file the file to write
   * @throws IOException when the file cannot be written
   */
  public static void write(RunMetadata metadata, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), metadata);
  }
}
