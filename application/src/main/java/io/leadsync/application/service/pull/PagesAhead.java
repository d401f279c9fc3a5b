package io.leadsync.application.service.pull;

import io.leadsync.application.port.out.CrmChangeReader.ChangePage;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a pull's pages one ahead of the merge (ADR 0105): while page N is merged, page N+1 is already being read, so
 * a pull takes about the longer of the two per page instead of their sum. HubSpot's search is the reason: at 5
 * searches a second a page costs at least 200 ms of waiting, which the merge of the previous page now fills.
 *
 * <p>Bounded and in order: at most one read is in flight, the next read starts only when the previous page has come
 * back (its cursor is the next one's start), and the pages are merged one after another on the caller's thread in the
 * order the CRM gave them. The caller checkpoints a page after merging it, so reading ahead never moves the
 * watermark: a pull that stops (a failed read, a failed merge) has saved exactly the pages it merged. A read that is
 * in flight when a merge fails is waited for and its page dropped, so none of this pull's CRM calls outlives it.
 */
final class PagesAhead {
    /** A page as read, and when the CRM was as it shows. */
    record Page(ChangePage changes, Instant asOf) {
    }

    private final Executor reads;
    private final Function<Optional<String>, Page> read;

    /**
     * @param reads where the read-ahead runs (a thread other than the caller's, or there is no overlap)
     * @param read  reads the page at a cursor (empty: the first page)
     */
    PagesAhead(Executor reads, Function<Optional<String>, Page> read) {
        this.reads = reads;
        this.read = read;
    }

    /**
     * Reads from {@code first} and hands every page to {@code merge} in order, following each page's
     * {@link ChangePage#next()} while present. The first page is read on the caller's thread: most pulls have one.
     * A read's or a merge's exception ends the run and is thrown as it was.
     */
    void run(Optional<String> first, Consumer<Page> merge) {
        Page page = read.apply(first);
        while (true) {
            Optional<String> next = page.changes().next();
            FutureTask<Page> ahead = next.map(cursor -> new FutureTask<>(() -> read.apply(Optional.of(cursor))))
                    .orElse(null);
            if (ahead != null) {
                reads.execute(ahead);
            }
            try {
                merge.accept(page);
            } catch (RuntimeException | Error e) {
                if (ahead != null) {
                    settle(ahead);
                }
                throw e;
            }
            if (ahead == null) {
                return;
            }
            page = await(ahead);
        }
    }

    /** The read's page, or its own exception as it was thrown (the service's catch ladder tells them apart). */
    private static Page await(FutureTask<Page> ahead) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return ahead.get();
                } catch (InterruptedException e) {
                    // The read is in flight with this pull's session: wait it out, keep the interrupt for the caller.
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                } catch (CancellationException e) {
                    throw new IllegalStateException("the page read ahead was cancelled", e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for a read whose page is no longer wanted, whatever it ended with. */
    private static void settle(FutureTask<Page> ahead) {
        try {
            await(ahead);
        } catch (RuntimeException | Error ignored) {
            // The merge's failure is the one to report; this page is read again by the next pull.
        }
    }
}
