package io.leadsync.adapters.out.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Reads and writes the jsonb columns, with Micronaut Serialization's default mapper (no reflection). */
final class JsonColumn {
    private static final Argument<Map<String, String>> TEXT_MAP = Argument.mapOf(String.class, String.class);

    private JsonColumn() {
    }

    static String write(Object value) {
        try {
            return ObjectMapper.getDefault().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a jsonb column", e);
        }
    }

    static <T> T read(String json, Argument<T> type) {
        try {
            return ObjectMapper.getDefault().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a jsonb column", e);
        }
    }

    static Map<String, String> readTextMap(String json) {
        return read(json, TEXT_MAP);
    }
}
