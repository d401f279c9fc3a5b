package io.leadsync.domain.sync;

import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.crm.WebToLeadLimits;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadStatus;

import java.util.Objects;
import java.util.Optional;

/**
 * May this lead go to this connection? The one answer routing, agent targets, the push, "sync now", endpoint posts
 * and dry runs all use: send, or skip and why, in the admin's words.
 */
public final class SendPolicy {
    public static final String NO_WORK_EMAIL = "no work email: CRMs match and route leads by email";
    public static final String LEAD_GONE = "the lead no longer exists";
    public static final String DISCONNECTED = "the connection is disconnected";

    /** Why a lead is not sent. */
    public enum Reason {
        /** The lead was deleted before its turn. */
        LEAD_GONE,
        /** CRMs match and route leads by email. */
        NO_WORK_EMAIL,
        /** The email or its domain is on the connection's suppression list. */
        SUPPRESSED,
        /** The connection only pulls. */
        WRONG_DIRECTION,
        /** A converted lead is a customer's Contact now: a create-only form would make a new lead of them. */
        CONVERTED,
        /** Nothing will ever be sent to a disconnected connection. */
        DISCONNECTED,
        /** The destination would drop the lead unseen (Web-to-Lead without a last name or company). */
        INCOMPLETE
    }

    /** The answer. */
    public sealed interface Decision permits Send, Skip {
        /** Whether the lead goes. */
        default boolean sends() {
            return this instanceof Send;
        }
    }

    /** The lead goes. */
    public record Send() implements Decision {
    }

    /** The lead does not go, for {@code reason}, explained by {@code detail}. */
    public record Skip(Reason reason, String detail) implements Decision {
        public Skip {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private static final Send SEND = new Send();

    private SendPolicy() {
    }

    /**
     * Whether the connection takes pushes at all: not when disconnected, nor when it only pulls. A paused connection
     * or one waiting for setup does take them, once it syncs again.
     */
    public static Decision forConnection(CrmConnection connection) {
        if (connection.state() == ConnectionState.DISCONNECTED) {
            return new Skip(Reason.DISCONNECTED, DISCONNECTED);
        }
        if (!connection.settings().direction().allowsPush()) {
            return new Skip(Reason.WRONG_DIRECTION, "the connection only pulls (direction "
                    + connection.settings().direction() + "); it takes no pushes");
        }
        return SEND;
    }

    /**
     * Whether a queued {@code lead} (empty when it no longer exists) goes to {@code connection} now, with the
     * connection's suppression list: not to a disconnected connection, then the lead's work email, the list, and what
     * the destination needs of it. The direction is routing's question ({@link #forConnection}): a pull-only
     * connection is still owed the lead id stamped on the records it pulled, the only field such a push carries.
     */
    public static Decision forLead(Optional<Lead> lead, CrmConnection connection, Suppressions suppressions) {
        if (connection.state() == ConnectionState.DISCONNECTED) {
            return new Skip(Reason.DISCONNECTED, DISCONNECTED);
        }
        if (lead.isEmpty()) {
            return new Skip(Reason.LEAD_GONE, LEAD_GONE);
        }
        if (lead.get().workEmail().isEmpty()) {
            return new Skip(Reason.NO_WORK_EMAIL, NO_WORK_EMAIL);
        }
        Optional<String> suppressed = suppressions.reasonFor(lead.get().workEmail().get());
        if (suppressed.isPresent()) {
            return new Skip(Reason.SUPPRESSED, suppressed.get());
        }
        if (connection.kind() == CrmKind.SALESFORCE_WEB_TO_LEAD) {
            if (lead.get().status() == LeadStatus.CONVERTED) {
                return new Skip(Reason.CONVERTED, "converted: Salesforce Web-to-Lead only creates leads, and this "
                        + "one is a Contact now");
            }
            Optional<String> gap = WebToLeadLimits.gap(connection.mappings(), lead.get());
            if (gap.isPresent()) {
                return new Skip(Reason.INCOMPLETE, gap.get());
            }
        }
        return SEND;
    }
}
