/**
 * Fault and latency injection shared by the CRM sandboxes: which calls to hurt ({@link
 * io.leadsync.sandbox.faults.FaultPlan}) and the control-API JSON for it ({@link
 * io.leadsync.sandbox.faults.FaultRequests}). How a fault looks on the wire is each CRM's business.
 */
package io.leadsync.sandbox.faults;
