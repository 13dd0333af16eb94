package io.poollab.pool;

/** What a failed item leaves in its result slot: the task's exception and the item's place. */
record Failure(long index, Throwable error) {

  TaskFailedException toException(String call) {
    return new TaskFailedException(call + " task at index " + index + " failed: " + error, error);
  }
}
