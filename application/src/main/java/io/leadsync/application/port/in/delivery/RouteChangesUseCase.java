package io.leadsync.application.port.in.delivery;

/**
 * Turns committed lead changes into deliveries: each change is owed to every connection of its workspace that
 * pushes, except the connection it came from. Safe to run on every node at once.
 */
public interface RouteChangesUseCase {
    /** Routes up to {@code limit} changes in one transaction; answers how many. */
    int route(int limit);
}
