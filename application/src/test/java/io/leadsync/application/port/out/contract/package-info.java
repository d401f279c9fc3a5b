/**
 * One abstract contract suite per storage port. Each runs against the in-memory fakes here and against PostgreSQL in
 * the persistence adapter, so the fakes the service tests rely on cannot drift from the real thing.
 */
package io.leadsync.application.port.out.contract;
