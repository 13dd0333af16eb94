package io.poollab.regress;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A per-figure threshold: the figures whose keys match {@code pattern} count as changed only
 * when they moved by more than {@code threshold}.
 *
 * <p>Written {@code PATTERN=VALUE}: the pattern is a glob over the figure key ({@code *} any run
 * of characters, {@code ?} one character) or, prefixed {@code re:}, a Java regex that must match
 * the whole key; the value is a percentage ({@code 15%}) or a fraction ({@code 0.15}). The last
 * {@code =} splits, since keys themselves hold {@code workers=2}.
 *
 * <pre>{@code
 * ThresholdRule r = ThresholdRule.parse("speedup:*=15%");
 * r.matches("speedup:W.map:POOL_MAP:workers=2");   // true
 * r.threshold();                                    // 0.15
 * }</pre>
 *
 * @param spec the pattern as written (glob, or {@code re:} + regex)
 * @param regex the compiled pattern
 * @param threshold the allowed change, a fraction (0.15 = 15%), finite and non-negative
 */
public record ThresholdRule(String spec, Pattern regex, double threshold) {

  /** Validates the threshold. */
  public ThresholdRule {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(regex, "regex");
    if (!(threshold >= 0.0) || !Double.isFinite(threshold)) {
      throw new IllegalArgumentException(
          "threshold for '" + spec + "' must be a non-negative number, got " + threshold);
    }
  }

  /**
   * Parses {@code PATTERN=VALUE}.
   *
   * @param text e.g. {@code speedup:*=15%} or {@code re:latency:.*POOL_IMAP.*=0.2}
   * @return the rule
   * @throws IllegalArgumentException naming the text and the allowed form
   */
  public static ThresholdRule parse(String text) {
    int eq = text == null ? -1 : text.lastIndexOf('=');
    if (eq <= 0 || eq == text.length() - 1) {
      throw new IllegalArgumentException(
          "threshold '" + text + "' must be PATTERN=VALUE, e.g. 'speedup:*=15%' or 're:.*POOL_MAP.*=0.1'");
    }
    String spec = text.substring(0, eq);
    return new ThresholdRule(spec, compile(spec), parseValue(text.substring(eq + 1), text));
  }

  /**
   * Parses {@code 15%} or {@code 0.15} as a fraction.
   *
   * @param value the text
   * @param context what to name in an error
   * @return the fraction
   */
  public static double parseValue(String value, String context) {
    String v = value.trim();
    boolean percent = v.endsWith("%");
    try {
      double d = Double.parseDouble(percent ? v.substring(0, v.length() - 1).trim() : v);
      if (!(d >= 0.0) || !Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return percent ? d / 100.0 : d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "threshold value '" + value + "' in '" + context
              + "' must be a non-negative percentage like 15% or a fraction like 0.15");
    }
  }

  /** Whether this rule applies to the figure key. */
  public boolean matches(String key) {
    return regex.matcher(key).matches();
  }

  /**
   * Compiles a glob or {@code re:} regex.
   *
   * @param spec the pattern as written
   * @return a pattern matching whole keys
   */
  public static Pattern compile(String spec) {
    if (spec.startsWith("re:")) {
      try {
        return Pattern.compile(spec.substring(3));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "bad regex in '" + spec + "': " + e.getDescription().toLowerCase(Locale.ROOT));
      }
    }
    StringBuilder re = new StringBuilder();
    for (char c : spec.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
  }
}
