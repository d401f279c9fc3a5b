package io.leadsync.adapters.in.http.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyAuthenticationFetcherTest {
    @Test
    void a_bearer_token_is_taken_whatever_the_case_of_the_scheme() {
        assertThat(ApiKeyAuthenticationFetcher.bearerToken("Bearer lsk_abc")).contains("lsk_abc");
        assertThat(ApiKeyAuthenticationFetcher.bearerToken("bearer  lsk_abc ")).contains("lsk_abc");
    }

    @Test
    void other_schemes_and_empty_or_spaced_tokens_are_no_key() {
        assertThat(ApiKeyAuthenticationFetcher.bearerToken(null)).isEmpty();
        assertThat(ApiKeyAuthenticationFetcher.bearerToken("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(ApiKeyAuthenticationFetcher.bearerToken("Bearer ")).isEmpty();
        assertThat(ApiKeyAuthenticationFetcher.bearerToken("Bearer a b")).isEmpty();
        assertThat(ApiKeyAuthenticationFetcher.bearerToken("lsk_abc")).isEmpty();
    }
}
