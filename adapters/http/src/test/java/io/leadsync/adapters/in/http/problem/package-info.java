/** Tests of the problem details: pointers, and the catch-all that hides internals. */
package io.leadsync.adapters.in.http.problem;
