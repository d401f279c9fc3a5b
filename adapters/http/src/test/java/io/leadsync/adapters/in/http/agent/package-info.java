/** Tests of the agent API over the real HTTP server, with the real services over the in-memory fakes. */
package io.leadsync.adapters.in.http.agent;
