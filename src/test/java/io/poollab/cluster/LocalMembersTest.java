package io.poollab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.pool.Backend;
import io.poollab.pool.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ClusterOptions.localMembers(n)}: the pool starts member JVMs and stops them when it closes. */
class LocalMembersTest {

  @Test
  @Timeout(90)
  void shouldRunOnMemberProcessesItStartedAndStopThemOnClose() throws Exception {
    long self = ProcessHandle.current().pid();
    List<Long> pids;
    List<String> seen;
    Pool pool = Pool.builder().backend(Backend.CLUSTER).workers(2)
        .cluster(ClusterOptions.localMembers(1).withConnectTimeout(Duration.ofSeconds(60))
            .withMemberJvmOptions("-Dpoollab.test.marker=member-option", "-Xmx200m")).create();
    try {
      pids = pool.map(x -> ProcessHandle.current().pid(), IntStream.range(0, 20).boxed().toList(), 2);
      seen = pool.map(x -> System.getProperty("poollab.test.marker") + " " + (Runtime.getRuntime().maxMemory() >> 20),
          List.of(1));
    } finally {
      pool.close(); // returns once the member processes have exited
    }
    assertThat(Set.copyOf(pids)).hasSize(1).doesNotContain(self);
    assertThat(seen.get(0)).as("the member JVM ran with the options given").startsWith("member-option ");
    assertThat(Long.parseLong(seen.get(0).split(" ")[1])).as("its max heap, MiB").isLessThanOrEqualTo(200);
    assertThat(ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive).orElse(false))
        .as("the member process is gone once close() returned").isFalse();
  }
}
