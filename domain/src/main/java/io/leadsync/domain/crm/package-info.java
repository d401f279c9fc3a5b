/** A workspace's connected CRMs: connection state, identity, sync settings, field mappings and the per-lead links. */
package io.leadsync.domain.crm;
