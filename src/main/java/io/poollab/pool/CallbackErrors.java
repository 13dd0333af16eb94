package io.poollab.pool;

/** The default handler for what callbacks and progress listeners throw. */
final class CallbackErrors {
  private CallbackErrors() {}

  static void logToStandardError(Throwable error) {
    System.err.println("poollab: a callback threw; the pool and the other results are unaffected:");
    error.printStackTrace();
  }

  /** Runs a user callback; its failure goes to the handler, never to the caller. */
  static void runGuarded(Runnable callback, java.util.function.Consumer<Throwable> handler) {
    try {
      callback.run();
    } catch (Throwable error) {
      try {
        handler.accept(error);
      } catch (Throwable ignored) {
        // the handler itself failed; nothing sensible is left to tell, and a worker must go on
      }
    }
  }
}
