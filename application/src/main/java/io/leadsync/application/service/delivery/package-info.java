/**
 * The push pipeline: what each destination is owed leaves the delivery queue in batches, goes through one strategy
 * per destination (CRM batch upsert, Bulk API 2.0, endpoint post, activity) and one CRM-call wrapper, and its outcome
 * is written back as the domain's {@link io.leadsync.domain.sync.Delivery} says. "Sync now" drains the same queue.
 */
package io.leadsync.application.service.delivery;
