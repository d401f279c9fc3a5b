/** Outbound ports: the roles the core needs from the world (stores, outbox, audit, transactions, ids, secrets). */
package io.leadsync.application.port.out;
