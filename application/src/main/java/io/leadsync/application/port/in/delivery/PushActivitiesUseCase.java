package io.leadsync.application.port.in.delivery;

/** The background push of logged activities to their target CRMs; every node runs it. */
public interface PushActivitiesUseCase {
    /** Delivers the activities due now; answers how many were written. */
    int pushDue(String node);
}
