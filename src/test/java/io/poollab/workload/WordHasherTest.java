package io.poollab.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WordHasherTest {

  // FIPS 180-2 test vectors
  private static final String SHA512_ABC =
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
          + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";
  private static final String SHA512_EMPTY =
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
          + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

  @Test
  void shouldHashLikeTheGuidesHashWord() {
    assertThat(WordHasher.sha512Hex("abc")).isEqualTo(SHA512_ABC);
    assertThat(WordHasher.sha512Hex("")).isEqualTo(SHA512_EMPTY);
  }

  @Test
  void shouldGiveTheSameDigestWithAReusedDigest() {
    MessageDigest digest = WordHasher.newDigest();
    assertThat(WordHasher.sha512Hex(digest, "abc")).isEqualTo(SHA512_ABC);
    assertThat(WordHasher.sha512Hex(digest, "abc")).isEqualTo(SHA512_ABC);
    digest.update("left over".getBytes(StandardCharsets.UTF_8)); // a half-used digest
    assertThat(WordHasher.sha512Hex(digest, "")).isEqualTo(SHA512_EMPTY);
  }

  @Test
  void shouldHashTheUtf8BytesOfTheWord() throws Exception {
    byte[] expected = MessageDigest.getInstance("SHA-512")
        .digest("café".getBytes(StandardCharsets.UTF_8));
    assertThat(WordHasher.sha512Hex("café")).isEqualTo(HexFormat.of().formatHex(expected));
  }

  @Test
  void shouldWriteLowercaseHexForEveryByteValue() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    assertThat(WordHasher.hex(all)).isEqualTo(HexFormat.of().formatHex(all));
    assertThat(WordHasher.hex(new byte[0])).isEmpty();
  }
}
