package io.poollab.pool;

import java.util.List;
import java.util.stream.IntStream;

/** What the pool tests share: a pool of a backend and size, and an input of n integers. */
final class TestPools {
  private TestPools() {}

  static Pool pool(Backend backend, int workers) {
    return Pool.builder().backend(backend).workers(workers).create();
  }

  static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }
}
