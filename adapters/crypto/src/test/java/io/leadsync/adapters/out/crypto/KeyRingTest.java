package io.leadsync.adapters.out.crypto;

import static io.leadsync.adapters.out.crypto.BouncyCastleSecretCipherTest.randomKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
    private static final String PURPOSE = "connection:1:access_token";

    @TempDir
    Path dir;

    @Test
    void a_ring_lists_its_keys_in_order_and_knows_the_current_one() {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("2025-01", randomKey());
        keys.put("2026_06", randomKey());
        keys.put("a", randomKey());

        KeyRing ring = KeyRing.of("2026_06", keys);

        assertThat(ring.currentKeyId()).isEqualTo("2026_06");
        assertThat(ring.keyIds()).containsExactly("2025-01", "2026_06", "a");
    }

    @Test
    void a_key_that_is_not_32_bytes_is_refused() {
        for (int length : new int[] {0, 16, 24, 31, 33, 64}) {
            assertThatThrownBy(() -> KeyRing.of("k1", Map.of("k1", new byte[length])))
                    .as("%d bytes", length)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exactly 32 bytes");
        }
        assertThatThrownBy(() -> KeyRing.fromBase64("k1", Map.of("k1", Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly 32 bytes");
    }

    @Test
    void an_invalid_key_id_is_refused() {
        for (String id : new String[] {"", "has space", "colon:id", "dot.id", "x".repeat(33), "ключ"}) {
            assertThatThrownBy(() -> KeyRing.of(id, Map.of(id, randomKey())))
                    .as(id)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key id");
        }
    }

    @Test
    void the_current_key_must_be_in_the_ring() {
        assertThatThrownBy(() -> KeyRing.of("k2", Map.of("k1", randomKey())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'k2' is not among the keys [k1]");
        assertThatThrownBy(() -> KeyRing.of("k1", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_key_that_is_not_base64_is_refused_without_repeating_it() {
        String notBase64 = "this is not base64 but may be a real secret!";

        assertThatThrownBy(() -> KeyRing.fromBase64("k1", Map.of("k1", notBase64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid base64")
                .message().doesNotContain(notBase64).doesNotContain("!");
    }

    @Test
    void changing_the_callers_array_afterwards_does_not_change_the_ring() {
        byte[] key = randomKey();
        KeyRing ring = KeyRing.of("k1", Map.of("k1", key));
        String ciphertext = new BouncyCastleSecretCipher(ring).encrypt("secret", PURPOSE);

        key[0] ^= 1;

        assertThat(new BouncyCastleSecretCipher(ring).decrypt(ciphertext, PURPOSE)).isEqualTo("secret");
    }

    @Test
    void to_string_names_the_keys_but_never_shows_them() {
        byte[] key = randomKey();
        KeyRing ring = KeyRing.of("k1", Map.of("k1", key));

        assertThat(ring.toString())
                .isEqualTo("KeyRing[current=k1, keys=[k1]]")
                .doesNotContain(Base64.getEncoder().encodeToString(key), HexFormat.of().formatHex(key));
    }

    @Test
    void a_key_file_round_trips_its_keys_order_and_current_key() throws IOException {
        byte[] k1 = randomKey();
        byte[] k2 = randomKey();
        Path file = privateFile("keys.properties", """
                # rotated in June
                current = k2

                key.k1=%s
                key.k2 = %s
                """.formatted(Base64.getEncoder().encodeToString(k1), Base64.getEncoder().encodeToString(k2)));
        String underK1 = new BouncyCastleSecretCipher(KeyRing.of("k1", Map.of("k1", k1))).encrypt("old", PURPOSE);

        KeyRing ring = KeyRing.fromKeyFile(file);

        assertThat(ring.currentKeyId()).isEqualTo("k2");
        assertThat(ring.keyIds()).containsExactly("k1", "k2");
        assertThat(new BouncyCastleSecretCipher(ring).decrypt(underK1, PURPOSE)).isEqualTo("old");
    }

    @Test
    void a_malformed_key_file_is_refused_naming_the_line_but_not_its_content() throws IOException {
        String key = Base64.getEncoder().encodeToString(randomKey());

        assertThatThrownBy(() -> KeyRing.fromKeyFile(privateFile("a", "current=k1\n" + key + "\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .message().doesNotContain(key);
        assertThatThrownBy(() -> KeyRing.fromKeyFile(privateFile("b", "current=k1\nkye.k1=" + key + "\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2: unknown entry")
                .message().doesNotContain(key);
        assertThatThrownBy(() -> KeyRing.fromKeyFile(privateFile("c", "key.k1=" + key + "\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("current=<id>");
        assertThatThrownBy(() -> KeyRing.fromKeyFile(privateFile("d", "current=k1\nkey.k1=" + key + "\nkey.k1=" + key)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("given twice")
                .message().doesNotContain(key);
        assertThatThrownBy(() -> KeyRing.fromKeyFile(privateFile("e", "current=k1\nkey.k1=AAAA\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly 32 bytes");
    }

    @Test
    void a_key_file_others_may_read_is_refused() throws IOException {
        assumePosix();
        Path file = privateFile("keys", "current=k1\nkey.k1=" + Base64.getEncoder().encodeToString(randomKey()) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> KeyRing.fromKeyFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> KeyRing.fromKeyFile(file)).isInstanceOf(IllegalArgumentException.class);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(KeyRing.fromKeyFile(file).keyIds()).containsExactly("k1");
    }

    @Test
    void the_demo_key_file_is_created_once_readable_by_its_owner_only() throws IOException {
        Path file = dir.resolve("config/leadsync.keys");

        KeyRing first = KeyRing.generateDemoKeyFile(file);
        String content = Files.readString(file);
        KeyRing second = KeyRing.generateDemoKeyFile(file);

        assertThat(first.currentKeyId()).isEqualTo("demo");
        assertThat(Files.readString(file)).isEqualTo(content);
        String ciphertext = new BouncyCastleSecretCipher(first).encrypt("secret", PURPOSE);
        assertThat(new BouncyCastleSecretCipher(second).decrypt(ciphertext, PURPOSE)).isEqualTo("secret");
        assertThat(new BouncyCastleSecretCipher(KeyRing.fromKeyFile(file)).decrypt(ciphertext, PURPOSE))
                .isEqualTo("secret");
        if (isPosix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void an_existing_key_file_is_never_overwritten_by_the_demo_generator() throws IOException {
        byte[] key = randomKey();
        String content = "current=prod\nkey.prod=" + Base64.getEncoder().encodeToString(key) + "\n";
        Path file = privateFile("keys", content);

        KeyRing ring = KeyRing.generateDemoKeyFile(file);

        assertThat(ring.currentKeyId()).isEqualTo("prod");
        assertThat(Files.readString(file)).isEqualTo(content);
    }

    private Path privateFile(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        if (isPosix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    private boolean isPosix() {
        return Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
    }

    private void assumePosix() {
        assumeThat(isPosix()).as("POSIX file permissions").isTrue();
    }
}
