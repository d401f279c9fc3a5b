/** Tests of the admin web UI's session cookie and page helpers; the pages themselves run in AdminUiBrowserIT. */
package io.leadsync.adapters.in.http.web;
