/** The product's lead: its field catalog, the value objects that validate and normalise each field, and its changes. */
package io.leadsync.domain.lead;
