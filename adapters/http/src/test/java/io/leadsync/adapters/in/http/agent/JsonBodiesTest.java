package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.problem.BadRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBodiesTest {

    @Test
    void a_body_with_invalid_utf8_bytes_is_refused_rather_than_stored_with_replacement_characters() {
        byte[] head = "{\"leadId\":\"a\",\"lastName\":\"D".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 3];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3; // a two-byte sequence cut short by the closing quote
        body[head.length + 1] = '"';
        body[head.length + 2] = '}';

        assertThatThrownBy(() -> JsonBodies.utf8(body))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void valid_utf8_including_non_ascii_letters_reads_as_sent() {
        String sent = "{\"lastName\":\"Łukasiewicz – 東京\"}";

        assertThat(JsonBodies.utf8(sent.getBytes(StandardCharsets.UTF_8))).isEqualTo(sent);
    }
}
