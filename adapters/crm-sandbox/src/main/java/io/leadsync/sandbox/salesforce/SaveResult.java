package io.leadsync.sandbox.salesforce;

import java.util.List;

/** The outcome of saving one record: its id (when known), whether it was inserted, and why it failed. */
record SaveResult(String id, boolean created, List<ApiError> errors) {

    boolean success() {
        return errors.isEmpty();
    }

    static SaveResult failed(ApiError error) {
        return new SaveResult(null, false, List.of(error));
    }
}
