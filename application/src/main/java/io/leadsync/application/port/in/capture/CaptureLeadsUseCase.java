package io.leadsync.application.port.in.capture;

/**
 * An agent captures many leads in one request (ADR 0102): each lead is created or updated as a single capture would,
 * routed the same way, and answered in the request's order. A lead that breaks a rule is refused on its own and the
 * others are written, unless the batch asks for all or none. Written in one transaction, with one statement per kind
 * of row, which is what makes 1,000 leads a second possible on a small machine.
 */
public interface CaptureLeadsUseCase {
    /** The most leads one batch may carry. */
    int MAX_LEADS = 100;

    /**
     * @throws InvalidTargetsException the batch's {@code targets} cannot be used; nothing was written
     */
    CaptureBatchResult capture(CaptureBatchCommand command);
}
