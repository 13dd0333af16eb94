package io.poollab.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractList;
import java.util.RandomAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The parking protocol of lazy jobs, driven step by step from one thread: a dispatcher without
 * worker threads, and the workers' and the consumer's moves made in the order of a race.
 */
@Timeout(10)
class ParkingProtocolTest {

  private final Dispatcher dispatcher =
      new Dispatcher(Pool.builder().workers(2).readAhead(1).build(), 0);
  private final Worker worker = new Worker(dispatcher, 0);

  /** 0, 1, 2, ... as a random-access list, claimed by the workers themselves (no feeder thread). */
  private static final class Naturals extends AbstractList<Long> implements RandomAccess {
    @Override
    public Long get(int index) {
      return (long) index;
    }

    @Override
    public int size() {
      return Integer.MAX_VALUE;
    }
  }

  private LazyJob<Long, Long> endlessImap() {
    LazyJob<Long, Long> job = new LazyJob<>("imap", x -> x, new Naturals(), 1, true, dispatcher);
    dispatcher.submit(job);
    return job;
  }

  /** Runs chunks until the job says it is full, and returns that verdict. */
  private int fill(LazyJob<Long, Long> job) {
    int outcome;
    do {
      outcome = job.runChunk(worker);
    } while (outcome > 0);
    return outcome;
  }

  @Test
  void shouldParkAFullJobAndPutItBackWhenTheConsumerMakesRoom() {
    LazyJob<Long, Long> job = endlessImap();
    int verdict = fill(job);
    assertThat(verdict).isEqualTo(Job.BLOCKED);
    dispatcher.unqueue(job, verdict);
    assertThat(dispatcher.isQueued(job)).isFalse();
    assertThat(job.next()).isZero();
    assertThat(dispatcher.isQueued(job)).isTrue();
  }

  @Test
  void shouldRetireAJobWhoseIteratorClosedBetweenVerdictAndParking() {
    LazyJob<Long, Long> job = endlessImap();
    int verdict = fill(job);
    assertThat(verdict).isEqualTo(Job.BLOCKED);
    // the consumer closes while the job still counts as queued: its put-back finds nothing to do
    job.close();
    // the worker parks on its stale verdict: it must notice the end and put the job back
    dispatcher.unqueue(job, verdict);
    assertThat(dispatcher.isQueued(job)).as("a closed job is queued so that a worker retires it").isTrue();
    assertThat(job.runChunk(worker)).isEqualTo(Job.EXHAUSTED);
  }

  @Test
  void shouldLetOnlyOneOfTwoStaleVerdictsTakeTheJobOffTheQueue() {
    LazyJob<Long, Long> job = endlessImap();
    int first = fill(job);
    int second = job.runChunk(worker);
    assertThat(second).isEqualTo(Job.BLOCKED);
    dispatcher.unqueue(job, first);
    assertThat(job.next()).isZero(); // room for one: the consumer puts the job back
    assertThat(dispatcher.isQueued(job)).isTrue();
    int third = job.runChunk(worker); // fills the room again
    assertThat(third).isPositive();
    // the second verdict is stale; whoever parks, the job must end up parked or queued with room
    dispatcher.unqueue(job, second);
    assertThat(dispatcher.isQueued(job) == job.scheduled.get()).isTrue();
    job.next();
    assertThat(dispatcher.isQueued(job)).isTrue();
  }
}
