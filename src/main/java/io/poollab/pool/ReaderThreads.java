package io.poollab.pool;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads that read the lazy calls' inputs ({@link InputFeeder}): one per call while it reads,
 * kept for a few seconds afterwards so that the next call does not pay for a new thread (about
 * 100 us here, as much as ten items of a fast stream). Daemons, and never shut down: a reader may
 * be waiting inside an input that the pool cannot make return; an idle one leaves after
 * {@value #KEEP_ALIVE_SECONDS} s.
 */
final class ReaderThreads implements Executor {
  static final long KEEP_ALIVE_SECONDS = 10;

  private final ThreadPoolExecutor threads;

  ReaderThreads(String namePrefix) {
    AtomicLong numbers = new AtomicLong();
    this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
        new SynchronousQueue<>(), task -> Thread.ofPlatform().daemon(true)
            .name(namePrefix + "reader-" + numbers.incrementAndGet()).unstarted(task));
  }

  @Override
  public void execute(Runnable reading) {
    threads.execute(reading);
  }
}
