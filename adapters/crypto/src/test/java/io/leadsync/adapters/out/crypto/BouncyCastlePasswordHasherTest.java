package io.leadsync.adapters.out.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BouncyCastlePasswordHasherTest {
    private final BouncyCastlePasswordHasher hasher = new BouncyCastlePasswordHasher();

    @Test
    void a_password_matches_its_own_hash_and_no_other_password_does() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void the_same_password_hashes_differently_each_time_because_of_the_salt() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void a_hash_made_with_other_parameters_still_verifies() {
        // The RFC 9106 parameters other than the defaults: 64 KiB, 3 passes, 1 lane; made by BouncyCastle directly.
        byte[] salt = "somesaltsomesalt".getBytes(StandardCharsets.US_ASCII);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(64).withIterations(3)
                .withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes("password".getBytes(StandardCharsets.UTF_8), out);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
        String encoded = "$argon2id$v=19$m=64,t=3,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);

        assertThat(hasher.matches("password", encoded)).isTrue();
        assertThat(hasher.matches("passwore", encoded)).isFalse();
    }

    @Test
    void an_unreadable_hash_matches_nothing() {
        assertThat(hasher.matches("x", "")).isFalse();
        assertThat(hasher.matches("x", null)).isFalse();
        assertThat(hasher.matches("x", "$2a$10$bcrypt.hash.of.another.kind")).isFalse();
        assertThat(hasher.matches("x", "$argon2id$v=19$m=19456,t=2,p=1$!!!$###")).isFalse();
    }
}
