package io.poollab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link ClusterOptions} accepts, keeps and refuses; no member is started here. */
class ClusterOptionsTest {

  @Test
  void shouldKeepMemberJvmOptionsThroughTheOtherWithers() {
    ClusterOptions o = ClusterOptions.localMembers(2)
        .withMemberJvmOptions("-Xmx1g", "-Dkey=value")
        .withClusterName("lab")
        .withConnectTimeout(Duration.ofSeconds(5));
    assertThat(o.memberJvmOptions()).containsExactly("-Xmx1g", "-Dkey=value");
    assertThat(o.clusterName()).isEqualTo("lab");
    assertThat(ClusterOptions.localMembers(1).memberJvmOptions()).isEmpty();
    assertThat(new ClusterOptions(List.of(), 1, "lab", Duration.ofSeconds(1)).memberJvmOptions()).isEmpty();
  }

  @Test
  void shouldRefuseMemberJvmOptionsForMembersThatRunAlready() {
    assertThatThrownBy(() -> ClusterOptions.connect("127.0.0.1:5701").withMemberJvmOptions("-Xmx1g"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memberJvmOptions [-Xmx1g] apply only to members the pool starts")
        .hasMessageContaining("127.0.0.1:5701");
  }

  @Test
  void shouldRefuseWhatIsNotAJvmOptionOrWouldReplaceThePoolsOwnNamingIt() {
    ClusterOptions local = ClusterOptions.localMembers(1);
    for (String bad : List.of("Xmx1g", "", " -Xmx1g", "-Xmx1g ", "-cp", "-classpath", "--class-path=x.jar",
        "-jar", "-Dhazelcast.phone.home.enabled=true")) {
      assertThatThrownBy(() -> local.withMemberJvmOptions(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a member JVM option must be a JVM option")
          .hasMessageContaining("'" + bad + "'");
    }
    // one element is one argument of the member's JVM: two options in one would stop it starting
    assertThatThrownBy(() -> local.withMemberJvmOptions("-Xmx1g -Xms1g"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'-Xmx1g -Xms1g' (it holds several options: give one option per element, such as"
            + " \"-Xmx1g\", \"-Xms1g\")");
    assertThatThrownBy(() -> local.withMemberJvmOptions("-Dkey=a\t-Dother=b")).hasMessageContaining("holds several options");
    // one option whose value holds spaces is one argument of the member's JVM: it travels as it is
    assertThat(local.withMemberJvmOptions("-XX:OnOutOfMemoryError=kill -9 %p", "-Dlabel=my run")
        .memberJvmOptions()).containsExactly("-XX:OnOutOfMemoryError=kill -9 %p", "-Dlabel=my run");
    assertThatThrownBy(() -> local.withMemberJvmOptions("-Xmx1g", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got null");
    assertThatThrownBy(() -> local.withMemberJvmOptions((String[]) null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("memberJvmOptions must not be null");
  }

  @Test
  void shouldPutTheCallersOptionsBeforeThePoolsOwnInTheMembersCommand() {
    List<String> command = LocalMembers.javaCommand("lab", "127.0.0.1:5701", List.of("127.0.0.1:5701"), true,
        List.of("-Xmx1g", "-Dkey=value"));
    assertThat(command.subList(1, 3)).containsExactly("-Xmx1g", "-Dkey=value");
    assertThat(command).contains("-Dhazelcast.phone.home.enabled=false", "--exit-on-stdin-eof");
    assertThat(command.indexOf("-cp")).isGreaterThan(command.indexOf("-Dkey=value"));
    assertThatThrownBy(() -> LocalMembers.javaCommand("lab", "127.0.0.1:5701", List.of("127.0.0.1:5701"), true,
        List.of("-jar")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'-jar'");
  }

  @Test
  void shouldGiveMembersTheThroughputCollectorUnlessTheCallerChoosesOne() {
    List<String> plain = LocalMembers.javaCommand("lab", "127.0.0.1:5701", List.of("127.0.0.1:5701"), true,
        List.of("-Xmx1g"));
    assertThat(plain).contains(LocalMembers.DEFAULT_COLLECTOR);
    assertThat(plain.indexOf(LocalMembers.DEFAULT_COLLECTOR)).isLessThan(plain.indexOf("-cp"));
    for (String chosen : List.of("-XX:+UseG1GC", "-XX:+UseSerialGC", "-XX:+UseZGC")) {
      List<String> command = LocalMembers.javaCommand("lab", "127.0.0.1:5701", List.of("127.0.0.1:5701"), true,
          List.of(chosen));
      assertThat(command).as(chosen).contains(chosen).doesNotContain(LocalMembers.DEFAULT_COLLECTOR);
    }
    assertThat(LocalMembers.choosesCollector("-XX:+UseParallelGC")).isTrue();
    assertThat(LocalMembers.choosesCollector("-XX:+UseTransparentHugePages")).isFalse();
    assertThat(LocalMembers.choosesCollector("-XX:+UseStringDeduplication")).isFalse();
  }
}
