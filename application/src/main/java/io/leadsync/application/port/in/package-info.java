/** Inbound ports: one {@code *UseCase} interface per use case, with its command or query record and the errors a caller handles. */
package io.leadsync.application.port.in;
