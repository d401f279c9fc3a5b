package io.leadsync.application.port.out;

import java.util.UUID;

/** Makes new ids; the core never makes its own, so tests can predict them. */
public interface IdGenerator {
    UUID newId();
}
