package io.poollab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * A headless Chromium driven through the DevTools protocol over the JDK's own WebSocket client:
 * enough of CDP for the browser test (navigate, evaluate, screenshot) and a record of every
 * event, so console errors and network requests can be checked.
 *
 * <pre>{@code
 * try (HeadlessChromium browser = HeadlessChromium.start(Path.of("/usr/bin/chromium"), profileDir)) {
 *   browser.navigate(page.toUri().toString());
 * }
 * }</pre>
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts Chromium with a fresh profile in {@code profile} and connects to its blank page. */
  static HeadlessChromium start(Path binary, Path profile) throws Exception {
    Files.createDirectories(profile);
    Process process = new ProcessBuilder(
            binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--hide-scrollbars",
            "--user-data-dir=" + profile, "--remote-debugging-port=0",
            "--window-size=1280,900", "about:blank")
        .redirectErrorStream(true)
        .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
        .start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      Awaitility.await("Chromium's DevToolsActivePort").atMost(WAIT).pollInterval(Duration.ofMillis(100))
          .until(() -> !process.isAlive() || (Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2));
      if (!process.isAlive()) {
        throw new IllegalStateException("chromium exited with " + process.exitValue());
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
      HttpClient http = HttpClient.newHttpClient();
      String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
          .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString()).body();
      String ws = null;
      for (JsonNode t : JSON.readTree(list)) {
        if (t.path("type").asText().equals("page")) {
          ws = t.path("webSocketDebuggerUrl").asText();
          break;
        }
      }
      if (ws == null) {
        throw new IllegalStateException("no page target in " + list);
      }
      HeadlessChromium[] self = new HeadlessChromium[1];
      StringBuilder frame = new StringBuilder();
      WebSocket socket = http.newWebSocketBuilder().connectTimeout(WAIT)
          .buildAsync(URI.create(ws), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
              frame.append(data);
              if (last) {
                String text = frame.toString();
                frame.setLength(0);
                self[0].receive(text);
              }
              webSocket.request(1);
              return null;
            }
          }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      self[0] = new HeadlessChromium(process, profile, socket);
      return self[0];
    } catch (Exception e) {
      try {
        stop(process);
      } catch (RuntimeException notStopped) {
        e.addSuppressed(notStopped);
      }
      throw e;
    }
  }

  private void receive(String text) {
    try {
      JsonNode msg = JSON.readTree(text);
      if (msg.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
        if (f != null) {
          f.complete(msg);
        }
      } else {
        events.add(msg);
      }
    } catch (IOException e) {
      throw new IllegalStateException("bad CDP message: " + text, e);
    }
  }

  /** Sends a CDP command and waits for its result (throws on a protocol error). */
  JsonNode send(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", JSON.valueToTree(params));
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.put(id, result);
    socket.sendText(JSON.writeValueAsString(msg), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    JsonNode reply = result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  /** Enables the domains whose events are recorded, opens {@code url} and waits for its load event. */
  void navigate(String url) throws Exception {
    for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
      send(domain + ".enable", Map.of());
    }
    int before = events.size();
    send("Page.navigate", Map.of("url", url));
    Awaitility.await("load event of " + url).atMost(WAIT).pollInterval(Duration.ofMillis(50))
        // the list's own stream is a snapshot; a subList of it fails once an event arrives
        .until(() -> events.stream().skip(before)
            .anyMatch(e -> e.path("method").asText().equals("Page.loadEventFired")));
  }

  /** Evaluates a JavaScript expression in the page and returns its JSON value. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("evaluation failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Saves a PNG of the whole page (beyond the viewport) to {@code file}. */
  void screenshot(Path file, boolean fullPage) throws Exception {
    Map<String, Object> params = new HashMap<>(Map.of("format", "png"));
    if (fullPage) {
      JsonNode size = send("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
      params.put("captureBeyondViewport", true);
      params.put("clip", Map.of("x", 0, "y", 0, "width", size.path("width").asDouble(),
          "height", size.path("height").asDouble(), "scale", 1));
    }
    String data = send("Page.captureScreenshot", params).path("data").asText();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(data));
  }

  /** Every event received so far. */
  List<JsonNode> events() {
    return List.copyOf(events);
  }

  /** Console errors, uncaught exceptions and error log entries, as text. */
  List<String> errors() {
    List<String> out = new ArrayList<>();
    for (JsonNode e : events) {
      String m = e.path("method").asText();
      JsonNode p = e.path("params");
      if (m.equals("Runtime.consoleAPICalled")
          && List.of("error", "assert").contains(p.path("type").asText())) {
        out.add("console." + p.path("type").asText() + ": " + p.path("args"));
      } else if (m.equals("Runtime.exceptionThrown")) {
        out.add("exception: " + p.path("exceptionDetails"));
      } else if (m.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
        out.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
      }
    }
    return out;
  }

  /** The URL of every network request the page made. */
  List<String> requests() {
    return events.stream()
        .filter(e -> e.path("method").asText().equals("Network.requestWillBeSent"))
        .map(e -> e.path("params").path("request").path("url").asText())
        .toList();
  }

  @Override
  public void close() throws Exception {
    try {
      socket.abort();
    } finally {
      stop(process);
      deleteProfile(profile);
    }
  }

  /**
   * Stops Chromium and every process it started (its network service, renderers, zygotes): the
   * children are found before the parent goes, since they are no longer its descendants after,
   * and one still writing its profile would race the deletion.
   */
  private static void stop(Process process) throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        p.destroyForcibly();
      }
    }
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("chromium process " + p.pid() + " did not stop", e);
      }
    }
  }

  /**
   * Deletes the profile folder; a file that went meanwhile (a temporary one renamed) or came
   * meanwhile is no error: the folder is the test's scratch space, not its subject.
   */
  private static void deleteProfile(Path profile) throws IOException {
    if (!Files.exists(profile)) {
      return;
    }
    Files.walkFileTree(profile, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        try {
          Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException written) {
          // a process outside the tree wrote there meanwhile: the next start reuses the folder
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
