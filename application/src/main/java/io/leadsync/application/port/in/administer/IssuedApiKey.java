package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.ApiKey;

import java.util.Objects;

/** A key just issued: {@code secret} is shown this once and never again, since only its hash is kept. */
public record IssuedApiKey(ApiKey key, String secret) {
    public IssuedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedApiKey[" + key.prefix() + "...]";
    }
}
