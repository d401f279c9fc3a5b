package io.leadsync.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the master keys that encrypt OAuth tokens come from ({@code leadsync.crypto.*}): inline keys
 * ({@code keys.<id>=<base64>} with {@code current-key}), a key file ({@code key-file}, mode 600), or, only for the
 * single-node demo on the embedded database, a key file LeadSync generates ({@code demo-key-file}). Never the database.
 */
@ConfigurationProperties("leadsync.crypto")
record CryptoConfiguration(@Nullable String currentKey, @Nullable Map<String, String> keys, @Nullable Path keyFile,
                           @Nullable Path demoKeyFile) {
    /** Micronaut logs configuration beans at debug level: key material must not be in their text. */
    @Override
    public String toString() {
        return "CryptoConfiguration[currentKey=" + currentKey + ", keys=" + (keys == null ? "none" : keys.keySet())
                + ", keyFile=" + keyFile + ", demoKeyFile=" + demoKeyFile + "]";
    }
}
