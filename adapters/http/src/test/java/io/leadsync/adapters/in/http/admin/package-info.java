/** HTTP tests of the admin API over the in-memory ports. */
package io.leadsync.adapters.in.http.admin;
