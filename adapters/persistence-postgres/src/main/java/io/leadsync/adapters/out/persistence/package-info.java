/**
 * The outbound persistence adapter: LeadSync's repositories, outbox, audit log and transactions on PostgreSQL, with
 * hand-written SQL over Micronaut Data's JDBC connection management and Flyway-owned schema.
 */
package io.leadsync.adapters.out.persistence;
