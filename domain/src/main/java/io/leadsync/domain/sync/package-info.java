/** Sync decisions: the field-level three-way merge, conflict rules and the change events that drive pushes. */
package io.leadsync.domain.sync;
