package io.leadsync.domain.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeySecretTest {

    private static final String RANDOM = "Zx8q2LkP0aB7cD4eF1gH5iJ9kL3mN6oP";

    @Test
    void a_key_is_stored_as_the_lowercase_hex_sha_256_of_what_the_agent_presents() {
        // SHA-256("abc") from FIPS 180-2.
        assertThat(ApiKeySecret.hashOf("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

        ApiKeySecret secret = ApiKeySecret.fromRandom(RANDOM);
        assertThat(secret.hash()).isEqualTo(ApiKeySecret.hashOf("lsk_" + RANDOM)).matches("[0-9a-f]{64}");
    }

    @Test
    void different_keys_have_different_hashes_and_the_hash_is_not_the_key() {
        ApiKeySecret one = ApiKeySecret.fromRandom(RANDOM);
        ApiKeySecret other = ApiKeySecret.fromRandom(RANDOM.replace('Z', 'Y'));

        assertThat(one.hash()).isNotEqualTo(other.hash()).doesNotContain(RANDOM);
    }

    @Test
    void a_malformed_presented_key_is_hashed_all_the_same() {
        assertThat(ApiKeySecret.hashOf("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(ApiKeySecret.hashOf("not-a-key")).hasSize(64);
    }

    @Test
    void an_admin_tells_keys_apart_by_their_first_twelve_characters() {
        ApiKeySecret secret = ApiKeySecret.fromRandom(RANDOM);

        assertThat(secret.shownPrefix()).isEqualTo("lsk_Zx8q2LkP").hasSize(12);
    }

    @Test
    void a_key_never_shows_its_secret_part_when_printed() {
        ApiKeySecret secret = ApiKeySecret.fromRandom(RANDOM);

        assertThat(secret.toString()).isEqualTo("ApiKeySecret[lsk_Zx8q2LkP...]").doesNotContain(RANDOM);
    }

    @Test
    void a_key_has_the_prefix_and_at_least_32_more_characters() {
        assertThat(new ApiKeySecret("lsk_" + "a".repeat(32)).value()).hasSize(36);
        assertThatThrownBy(() -> new ApiKeySecret("lsk_" + "a".repeat(31))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"LSK_Zx8q2LkP0aB7cD4eF1gH5iJ9kL3mN6oP", "sk_Zx8q2LkP0aB7cD4eF1gH5iJ9kL3mN6oPxx",
            "Zx8q2LkP0aB7cD4eF1gH5iJ9kL3mN6oPZx8q2"})
    void anything_else_is_not_a_key(String value) {
        assertThatThrownBy(() -> new ApiKeySecret(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
