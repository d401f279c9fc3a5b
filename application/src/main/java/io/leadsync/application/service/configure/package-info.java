/** Configure: settings, mappings, routing and capture rules, alerts. */
package io.leadsync.application.service.configure;
