package io.leadsync.adapters.in.mcp;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class McpControllerTest {

    @Test
    void a_client_without_an_origin_or_from_the_same_host_is_not_foreign() {
        assertThat(McpController.foreignOrigin(HttpRequest.POST("/mcp", "").header("Host", "leadsync.example:8080")))
                .isEmpty();
        assertThat(McpController.foreignOrigin(HttpRequest.POST("/mcp", "").header("Host", "leadsync.example:8080")
                .header("Origin", "https://leadsync.example:8080"))).isEmpty();
    }

    @Test
    void a_web_page_of_another_host_is_foreign() {
        assertThat(McpController.foreignOrigin(HttpRequest.POST("/mcp", "").header("Host", "localhost:8080")
                .header("Origin", "https://evil.example"))).contains("https://evil.example");
        assertThat(McpController.foreignOrigin(HttpRequest.POST("/mcp", "").header("Host", "localhost:8080")
                .header("Origin", "null"))).contains("null");
    }

    @Test
    void the_key_is_read_from_a_bearer_authorization_only() {
        assertThat(McpController.bearerToken("Bearer lsk_abc")).contains("lsk_abc");
        assertThat(McpController.bearerToken("bearer  lsk_abc ")).contains("lsk_abc");
        assertThat(McpController.bearerToken("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(McpController.bearerToken("Bearer a b")).isEmpty();
        assertThat(McpController.bearerToken(null)).isEmpty();
    }
}
