package io.poollab.pool;

/**
 * One chunk of a lazy call: the result places {@code first .. first + size - 1}. A worker replaces
 * each input item by its result (or a {@link Failure}) and hands the chunk over whole; the
 * consumer clears each place as it takes it. A chunk whose input failed ends with that failure in
 * its last place, where no task runs.
 */
final class Chunk {
  /** The place of the chunk's first result among the call's results. */
  final long first;
  /** Input items, replaced by results; the consumer clears taken ones. */
  final Object[] values;
  /** How many places the chunk has: its items, plus one for an input failure. */
  final int size;
  /** How many input items the chunk has (the places a task runs for). */
  final int items;
  /** The next chunk handed over in the same group (imapUnordered), or null. */
  Chunk next;

  Chunk(long first, Object[] values, int items, boolean endsWithInputFailure) {
    this.first = first;
    this.values = values;
    this.items = items;
    this.size = endsWithInputFailure ? items + 1 : items;
  }
}
