/**
 * Inbound ports: one {@code *UseCase} interface per use case, with its command or query record and the errors a caller
 * handles, grouped by capability in sub-packages (capture, delivery, pull, connect, configure, administer); the errors
 * several capabilities share stay here.
 */
package io.leadsync.application.port.in;
