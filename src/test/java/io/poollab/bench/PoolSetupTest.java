package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poollab.cluster.ClusterOptions;
import io.poollab.pool.Backend;
import io.poollab.pool.PoolOptions;
import org.junit.jupiter.api.Test;

class PoolSetupTest {

  @Test
  void shouldStartOneMemberPerWorkerWithTheForksOwnKindOfHeap() {
    PoolOptions options = PoolSetup.builder(Backend.CLUSTER, 2, 0).build();
    assertThat(options.workers()).isEqualTo(2);
    ClusterOptions cluster = (ClusterOptions) options.cluster();
    assertThat(cluster.localMembers()).isEqualTo(2);
    assertThat(cluster.connectTimeout()).isEqualTo(PoolSetup.MEMBER_START_TIMEOUT);
    // fixed and touched at start, as the forks' heaps: a member that grows its heap mid-run is slow for seconds
    assertThat(cluster.memberJvmOptions())
        .containsExactlyElementsOf(HeapFlags.fixedHeap(PoolSetup.MEMBER_HEAP))
        .contains("-Xms" + PoolSetup.MEMBER_HEAP, "-Xmx" + PoolSetup.MEMBER_HEAP, "-XX:+AlwaysPreTouch");
    assertThat(((ClusterOptions) PoolSetup.builder(Backend.CLUSTER, 100, 2).build().cluster()).localMembers())
        .isEqualTo(2);
  }

  @Test
  void shouldGiveTheThreadBackendsNoMembers() {
    assertThat(PoolSetup.builder(Backend.PLATFORM, 2, 0).build().cluster()).isNull();
    assertThatThrownBy(() -> PoolSetup.members(Backend.VIRTUAL, 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backend VIRTUAL runs on threads of this JVM and needs members=0, was 1");
  }
}
