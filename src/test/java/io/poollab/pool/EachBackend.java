package io.poollab.pool;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * The source of a {@code @ParameterizedTest} of a {@link PoolBehaviourTest} that takes a {@link
 * Backend}: one run per backend under test of the class that runs it (a subclass's, when a
 * cluster variant inherits the test).
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EachBackend
 * void shouldMap(Backend backend) throws Exception {
 *   try (Pool pool = pool(backend, 2)) { ... }
 * }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ArgumentsSource(EachBackend.Provider.class)
@interface EachBackend {

  /** The backends of {@link PoolBehaviourTest#backendsUnderTest(Class)} for the running class. */
  final class Provider implements ArgumentsProvider {
    @Override
    public Stream<? extends Arguments> provideArguments(
        ParameterDeclarations parameters, ExtensionContext context) {
      return PoolBehaviourTest.backendsUnderTest(context.getRequiredTestClass()).stream()
          .map(Arguments::of);
    }
  }
}
