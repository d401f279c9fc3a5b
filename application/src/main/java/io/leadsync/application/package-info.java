/** LeadSync's use cases: what callers may ask (port.in), what the core needs from the world (port.out), and services. */
package io.leadsync.application;
