/** Configure: settings, mappings, routing and capture rules, alerts. */
package io.leadsync.application.port.in.configure;
