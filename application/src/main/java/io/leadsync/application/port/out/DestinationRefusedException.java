package io.leadsync.application.port.out;

/**
 * A request to a customer's URL was not made: the address it leads to is one LeadSync does not send to (its own host,
 * a private network, cloud metadata), per the outbound-address policy. Trying again cannot help; the admin must change
 * the URL or the operator allow the host.
 */
public class DestinationRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DestinationRefusedException(String message) {
        super(message);
    }
}
