package io.poollab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextBytesTest {

  /** How a string travels: its digits two to a byte, its chars one to a byte, or as its chars. */
  private static final int HEX_DIGITS = 0;
  private static final int ASCII = 1;
  private static final int OTHER = 2;

  /** How {@link PackedStrings} sends {@code text}: digits if they pack, else ASCII if it is. */
  private static int kind(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    if (TextBytes.packIfHexDigits(bytes, new byte[bytes.length / 2], 0) >= 0) {
      return HEX_DIGITS;
    }
    return TextBytes.isAscii(bytes, text) ? ASCII : OTHER;
  }

  /** What the kind must be, char by char, as a reference for the eight-at-a-time version. */
  private static int expected(String text) {
    boolean digits = !text.isEmpty() && text.length() % 2 == 0;
    for (char c : text.toCharArray()) {
      if (c >= 0x80) {
        return OTHER;
      }
      digits &= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
    return digits ? HEX_DIGITS : ASCII;
  }

  @Test
  void shouldTellHexDigitsAsciiAndOtherTextApart() {
    assertThat(kind("")).isEqualTo(ASCII);
    assertThat(kind("0123456789abcdef")).isEqualTo(HEX_DIGITS);
    assertThat(kind("0123456789abcdef01")).isEqualTo(HEX_DIGITS);
    assertThat(kind("0123456789abcde")).as("odd count").isEqualTo(ASCII);
    assertThat(kind("0123456789ABCDEF")).as("uppercase").isEqualTo(ASCII);
    assertThat(kind("012345/:`g@G0000")).as("next to the ranges").isEqualTo(ASCII);
    assertThat(kind("what?")).isEqualTo(ASCII);
    assertThat(kind("caf\u00e9")).isEqualTo(OTHER);
    assertThat(kind("00000000\u20ac")).as("encoded away as '?'").isEqualTo(OTHER);
    assertThat(kind("0000000\u0161")).as("a char whose low byte is 'a'").isEqualTo(OTHER);
    assertThat(kind("\u0000\u007f")).isEqualTo(ASCII);
  }

  @Test
  void shouldAgreeWithACharByCharReferenceOnRandomText() {
    Random random = new Random(42);
    String alphabet = "0123456789abcdefg/:`@AFGZ?\u0000\u007f\u0080\u00ff\u0100\u20ac";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      // mostly digits, so that the hex path and its edges come up often
      for (int i = 0; i < length; i++) {
        text.append(random.nextInt(8) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
            : alphabet.charAt(random.nextInt(16)));
      }
      String s = text.toString();
      assertThat(kind(s)).as("'%s'", s).isEqualTo(expected(s));
      byte[] into = new byte[1 + s.length() / 2];
      int end = TextBytes.packIfHexDigits(s.getBytes(StandardCharsets.ISO_8859_1), into, 1);
      if (expected(s) == HEX_DIGITS) {
        assertThat(end).as("'%s'", s).isEqualTo(1 + s.length() / 2);
        assertThat(java.util.Arrays.copyOfRange(into, 1, end)).as("'%s'", s)
            .isEqualTo(HexFormat.of().parseHex(s));
      } else {
        assertThat(end).as("'%s' is not packed", s).isEqualTo(-1);
      }
    }
  }

  @Test
  void shouldSeeEveryByteOfShortAndUnalignedText() {
    // the last byte, where the overlapping reads and the padding of short text end
    for (int length = 1; length <= 24; length++) {
      String digits = "0".repeat(length - 1);
      assertThat(kind(digits + "\u00e9")).as("length %d", length).isEqualTo(OTHER);
      assertThat(kind(digits + "\u20ac")).as("length %d", length).isEqualTo(OTHER);
      assertThat(kind(digits + "g")).as("length %d", length).isEqualTo(ASCII);
      assertThat(kind(digits + "a")).as("length %d", length)
          .isEqualTo(length % 2 == 0 ? HEX_DIGITS : ASCII);
      // and the first byte
      assertThat(kind("\u00e9" + digits)).as("length %d", length).isEqualTo(OTHER);
      assertThat(kind("G" + digits)).as("length %d", length).isEqualTo(ASCII);
    }
  }

  @Test
  void shouldPackDigitsTwoToAByteAsHexFormatReadsThem() {
    Random random = new Random(7);
    for (int length = 0; length <= 40; length += 2) {
      byte[] value = new byte[length / 2];
      random.nextBytes(value);
      String digits = HexFormat.of().formatHex(value);
      byte[] into = new byte[3 + value.length];
      int end = TextBytes.packIfHexDigits(digits.getBytes(StandardCharsets.ISO_8859_1), into, 3);
      assertThat(end).isEqualTo(length == 0 ? -1 : 3 + value.length);
      if (length == 0) {
        continue; // no digits: travels as an empty ASCII string
      }
      assertThat(java.util.Arrays.copyOfRange(into, 3, end)).as(digits).isEqualTo(value);
    }
  }
}
