package io.poollab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poollab.pool.Pool;
import io.poollab.pool.TaskFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SerialBaselineTest {

  @Test
  void shouldApplyTheTaskToEveryItemInOrder() {
    assertThat(SerialBaseline.map(String::length, List.of("a", "bbb", "", "cc")))
        .containsExactly(1, 3, 0, 2);
    assertThat(SerialBaseline.map(String::length, List.<String>of())).isEmpty();
  }

  @Test
  @Timeout(30)
  void shouldGiveThePoolsResultsForTheSameTaskFunctions() throws InterruptedException {
    List<String> words = IntStream.range(0, 5000).mapToObj(i -> "w" + i).toList();
    CpuTask cpu = new CpuTask(50);
    List<Long> inputs = IntStream.range(0, 2000).mapToObj(i -> (long) i).toList();
    try (Pool pool = Pool.create(2)) {
      assertThat(SerialBaseline.map(WordHasher::sha512Hex, words))
          .isEqualTo(pool.map(WordHasher::sha512Hex, words));
      assertThat(SerialBaseline.map(cpu::run, inputs)).isEqualTo(pool.map(cpu::run, inputs));
    }
  }

  @Test
  void shouldReportProgressAndTheFinalCount() {
    List<Long> reports = new ArrayList<>();
    List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
    assertThat(SerialBaseline.map(i -> i * 2, items, reports::add)).hasSize(10_000);
    assertThat(reports).containsExactly(4096L, 8192L, 10_000L);
  }

  @Test
  void shouldNameTheItemWhoseTaskFailed() {
    assertThatThrownBy(() -> SerialBaseline.map(x -> 10 / x, List.of(1, 2, 0, 4)))
        .isInstanceOf(TaskFailedException.class)
        .hasMessageContaining("index 2")
        .hasCauseInstanceOf(ArithmeticException.class);
  }

  @Test
  void shouldRefuseNullArguments() {
    assertThatThrownBy(() -> SerialBaseline.map(null, List.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fn must not be null");
    assertThatThrownBy(() -> SerialBaseline.map(String::length, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("items must not be null");
  }
}
