package io.poollab;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.workload.DefaultDataset;
import io.poollab.workload.WordList;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java blocks are what users paste first: each must compile as written against the
 * built classes (its own imports, nothing implied), and the one with a {@code main} must run on
 * the default dataset and print what the README says it prints.
 */
@Timeout(300)
class ReadmeJavaTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS_NAME = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");

  @TempDir Path tmp;

  private static List<String> javaBlocks() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(readme);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void shouldCompileEveryJavaBlockOfTheReadmeAsWritten() throws Exception {
    List<String> blocks = javaBlocks();
    assertThat(blocks).as("Java blocks in README.md").isNotEmpty();

    for (String block : blocks) {
      Matcher name = CLASS_NAME.matcher(block);
      assertThat(name.find()).as("a README Java block is a whole public class:%n%s", block).isTrue();
      Path source = tmp.resolve(name.group(1) + ".java");
      Files.writeString(source, block, StandardCharsets.UTF_8);
      compile(source);
    }
  }

  @Test
  void shouldRunTheReadmeProgramOnTheDefaultDataset() throws Exception {
    String block = javaBlocks().stream().filter(b -> b.contains("void main(")).findFirst().orElseThrow();
    Matcher name = CLASS_NAME.matcher(block);
    assertThat(name.find()).isTrue();
    Path source = tmp.resolve(name.group(1) + ".java");
    Files.writeString(source, block, StandardCharsets.UTF_8);
    compile(source);
    List<String> words = WordList.load(DefaultDataset.resolve(Path.of("datasets")));
    long letters = words.stream().mapToLong(String::length).sum();

    Path out = tmp.resolve("out.txt");
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(javaBin, "-cp", tmp + File.pathSeparator + System.getProperty("java.class.path"),
        name.group(1))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("the README program finished").isTrue();
    } finally {
      p.destroyForcibly();
    }

    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(printed).isZero();
    assertThat(printed)
        .contains("Done, with " + new HashSet<>(words).size() + " hashes")
        .contains(letters + " letters in " + words.size() + " words");
  }

  private void compile(Path source) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean ok = compiler.getTask(diagnostics, null, null,
        List.of("-classpath", System.getProperty("java.class.path"), "-d", tmp.toString(), "-Xlint:none"),
        null, compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source))
        .call();
    assertThat(ok).as("README block %s compiles:%n%s", source.getFileName(), diagnostics).isTrue();
  }
}
