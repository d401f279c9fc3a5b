/** One framework-free service per use case: load, let the domain decide, persist, record. Wired in bootstrap. */
package io.leadsync.application.service;
