/** In-memory fakes of the outbound ports, held to the same contract suites as the real adapters. */
package io.leadsync.application.testing;
