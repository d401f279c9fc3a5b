package io.leadsync.application.port.out;

/**
 * Tells the sync workers that work was committed, so a REALTIME change is pushed at once instead of at the next tick
 * (ADR 0057). Any node's commit reaches every node's subscribers (PostgreSQL {@code LISTEN/NOTIFY}). A signal is a
 * hint: one may be lost (a dropped listening connection), which the worker's periodic tick makes good.
 */
public interface WorkSignals {
    /** No signals: the workers find work on their tick only. */
    WorkSignals NONE = wake -> { };

    /**
     * Runs {@code wake} on a signalling thread whenever work may have been committed on any node; {@code wake} must
     * return quickly (hand the work to another thread).
     */
    void subscribe(Runnable wake);
}
