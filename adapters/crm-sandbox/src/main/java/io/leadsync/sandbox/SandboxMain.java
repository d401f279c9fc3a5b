package io.leadsync.sandbox;

import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandboxes until the JVM is stopped:
 * {@code java -jar crm-sandbox.jar [--salesforce-port=<port>] [--hubspot-port=<port>]}. Each runs on its own server
 * (0 = any free port); with no flag only Salesforce starts, on a free port, as before HubSpot existed.
 */
public final class SandboxMain {

    private static final String SALESFORCE = "--salesforce-port=";
    private static final String HUBSPOT = "--hubspot-port=";

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Integer salesforcePort = null;
        Integer hubspotPort = null;
        for (String arg : args) {
            if (arg.startsWith(SALESFORCE)) {
                salesforcePort = port(arg.substring(SALESFORCE.length()));
            } else if (arg.startsWith(HUBSPOT)) {
                hubspotPort = port(arg.substring(HUBSPOT.length()));
            } else {
                usage("Unknown argument: " + arg);
            }
        }
        if (salesforcePort == null && hubspotPort == null) {
            salesforcePort = 0;
        }
        if (salesforcePort != null) {
            SalesforceSandbox salesforce = SalesforceSandbox.start(salesforcePort);
            Runtime.getRuntime().addShutdownHook(new Thread(salesforce::close, "salesforce-sandbox-shutdown"));
            System.out.println("Salesforce sandbox (org Acme Corp) listening on " + salesforce.baseUrl());
            System.out.println("Control API: " + salesforce.baseUrl() + "/__sandbox/");
        }
        if (hubspotPort != null) {
            HubSpotSandbox hubspot = HubSpotSandbox.start(hubspotPort);
            Runtime.getRuntime().addShutdownHook(new Thread(hubspot::close, "hubspot-sandbox-shutdown"));
            System.out.println("HubSpot sandbox (portal " + HubSpotSandbox.PORTAL_NAME + ", hub id "
                    + HubSpotSandbox.HUB_ID + ") listening on " + hubspot.baseUrl());
            System.out.println("Authorize page: " + hubspot.baseUrl() + "/oauth/authorize");
            System.out.println("Control API: " + hubspot.baseUrl() + "/__sandbox/hubspot/");
        }
        new CountDownLatch(1).await();
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                usage("Not a port: " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            usage("Not a port: " + value);
            return -1;
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("Usage: java -jar crm-sandbox.jar [--salesforce-port=<port>] [--hubspot-port=<port>]"
                + " (0 = any free port; no flag = Salesforce only)");
        System.exit(2);
    }
}
