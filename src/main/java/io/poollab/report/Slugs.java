package io.poollab.report;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * File-name-safe chart ids from job names, unique within one page: a page writes one PNG per
 * chart id, so two jobs whose names differ only in punctuation must not overwrite each other.
 *
 * <pre>{@code
 * Slugs slugs = new Slugs();
 * slugs.of("HashBench.hashWords");  // hashbench-hashwords
 * slugs.of("HashBench hashWords");  // hashbench-hashwords-2
 * }</pre>
 */
final class Slugs {

  private final Set<String> used = new HashSet<>();

  /**
   * The slug of a name, made unique by a number when an earlier name had the same one.
   *
   * @param name the name
   * @return lower-case letters, digits and dashes
   */
  String of(String name) {
    String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    if (base.isEmpty()) {
      base = "job";
    }
    String slug = base;
    for (int i = 2; !used.add(slug); i++) {
      slug = base + "-" + i;
    }
    return slug;
  }
}
