package io.leadsync.sandbox.salesforce;

import java.util.Locale;
import java.util.Objects;

/**
 * Which org a sandbox stands for: its name and its 18-character {@code 00D} id. Every sandbox is "Acme Corp" unless a
 * test needs a second, distinct org (another company's, or a sandbox org of its own id), as an integration meets when an
 * admin connects it to another org.
 */
record OrgProfile(String id, String name) {
    static final OrgProfile ACME = new OrgProfile(SalesforceIds.to18("00D" + SalesforceIds.POD + "000000Acme"),
            "Acme Corp");

    OrgProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    /** An org named {@code name} whose id ends in the first four letters or digits of the name. */
    static OrgProfile named(String name) {
        String letters = name.replaceAll("[^A-Za-z0-9]", "");
        String tail = (letters + "0000").substring(0, 4);
        if (tail.toLowerCase(Locale.ROOT).equals("acme")) {
            throw new IllegalArgumentException("pick a name that does not start like Acme Corp's: " + name);
        }
        return new OrgProfile(SalesforceIds.to18("00D" + SalesforceIds.POD + "000000" + tail), name);
    }
}
