/** Delivery: leads and activities out to CRMs and endpoints, sync now. */
package io.leadsync.application.port.in.delivery;
