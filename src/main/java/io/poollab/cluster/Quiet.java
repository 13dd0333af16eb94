package io.poollab.cluster;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What keeps Hazelcast quiet and local, for members and clients alike: no phone-home, JDK logging
 * at WARNING (no banner, no membership chatter), no diagnostics.
 */
final class Quiet {
  /** Held so that the level set on it stays (loggers are weakly held by the LogManager). */
  private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");

  private Quiet() {}

  /** Sets the JVM-wide switches once, unless the user set them. */
  static synchronized void hazelcast() {
    System.setProperty("hazelcast.phone.home.enabled",
        System.getProperty("hazelcast.phone.home.enabled", "false"));
    System.setProperty("hazelcast.logging.type", System.getProperty("hazelcast.logging.type", "jdk"));
    if (HAZELCAST.getLevel() == null) {
      HAZELCAST.setLevel(Level.WARNING);
    }
  }

  /** The same, as config properties of one member or client. */
  static Map<String, String> properties() {
    return Map.of(
        "hazelcast.phone.home.enabled", "false",
        "hazelcast.logging.type", "jdk");
  }
}
