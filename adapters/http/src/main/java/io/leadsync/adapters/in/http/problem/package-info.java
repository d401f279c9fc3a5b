/**
 * RFC 9457 problem details for every error the HTTP adapter answers with, including the framework's own (unknown
 * route, body too large, unauthenticated) and a catch-all that never shows a stack trace.
 */
package io.leadsync.adapters.in.http.problem;
