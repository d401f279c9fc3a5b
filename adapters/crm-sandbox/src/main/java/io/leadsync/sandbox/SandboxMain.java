package io.leadsync.sandbox;

import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import java.util.concurrent.CountDownLatch;

/** Runs the sandbox until the JVM is stopped: {@code java -jar crm-sandbox.jar --salesforce-port=<port>}. */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        for (String arg : args) {
            if (arg.startsWith("--salesforce-port=")) {
                port = Integer.parseInt(arg.substring("--salesforce-port=".length()));
            } else {
                System.err.println("Unknown argument: " + arg);
                System.err.println("Usage: java -jar crm-sandbox.jar --salesforce-port=<port> (0 = any free port)");
                System.exit(2);
            }
        }
        SalesforceSandbox salesforce = SalesforceSandbox.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(salesforce::close, "sandbox-shutdown"));
        System.out.println("Salesforce sandbox (org Acme Corp) listening on " + salesforce.baseUrl());
        System.out.println("Control API: " + salesforce.baseUrl() + "/__sandbox/");
        new CountDownLatch(1).await();
    }
}
