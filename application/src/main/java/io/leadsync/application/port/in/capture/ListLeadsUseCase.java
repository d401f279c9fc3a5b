package io.leadsync.application.port.in.capture;

/** Lists the caller's workspace's leads a page at a time. */
public interface ListLeadsUseCase {
    LeadPage list(ListLeadsQuery query);
}
