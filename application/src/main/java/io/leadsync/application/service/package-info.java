/**
 * One framework-free service per use case: load, let the domain decide, persist, record. Wired in bootstrap. Grouped by
 * capability (capture, delivery, pull, connect, configure, administer; scripts/group-use-cases.py holds the table).
 */
package io.leadsync.application.service;
