package io.leadsync.sandbox.salesforce;

import java.util.List;

/** A single-record upsert: the save, or the ids of every record the external id matched when it matched several. */
record UpsertResult(SaveResult result, List<String> ambiguousIds) {
}
