-- Where a CRM's deletion scan goes on next cycle, for a CRM that cannot list deletions by date (HubSpot's recycle
-- bin): the scan reads a bounded number of pages a cycle and resumes here (ADR 0032). Opaque to the database.
alter table pull_schedule add column deletions_resume text;
