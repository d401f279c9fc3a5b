package io.leadsync.application.port.in.administer;

/** Audit retention: entries older than the configured period go, in every workspace. */
public interface ForgetOldAuditUseCase {
    /** Answers how many entries were deleted. */
    int forgetOlderThan(java.time.Duration retention);
}
