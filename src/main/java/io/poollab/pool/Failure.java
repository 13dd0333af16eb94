package io.poollab.pool;

/**
 * What a failed item leaves in its result slot: the exception, the item's place, and whether it
 * was the task that threw or the input while the item was being read.
 */
record Failure(long index, Throwable error, boolean fromInput) {

  Failure(long index, Throwable error) {
    this(index, error, false);
  }

  /** The input's own failure, taking the place of the item it was reading. */
  static Failure ofInput(long index, Throwable error) {
    return new Failure(index, error, true);
  }

  TaskFailedException toException(String call) {
    String what = fromInput
        ? call + "'s input failed while reading the item at index " + index + ": "
        : call + " task at index " + index + " failed: ";
    return new TaskFailedException(what + error, error);
  }
}
