/** OUT: alert e-mails through the installation's SMTP server (Jakarta Mail with Eclipse Angus). */
package io.leadsync.adapters.out.mail;
