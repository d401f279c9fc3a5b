// jsforce, unchanged, against the Salesforce sandbox. Run by ClientLibrariesIT:
//   SALESFORCE_INSTANCE_URL=http://localhost:PORT SALESFORCE_ACCESS_TOKEN=... \
//   SALESFORCE_EXTERNAL_ID_FIELD=ClientLib_Id__c node salesforce.mjs
// The Lead needs a readable, editable custom Text field marked External ID (SALESFORCE_EXTERNAL_ID_FIELD).
// Leads it leaves behind: LastName 'Bulk' (BULK of them, external ids sf-bulk-N), 'Upserted' (sf-single) and
// 'Collection' (COLLECTION of them, two deleted, the rest with Company 'Collection updated'); the first one it
// creates is deleted again; two 'Turing' leads (the second saved past the duplicate rule) and a 'Shannon'.
import assert from 'node:assert/strict';
import jsforce from 'jsforce';
import { env, rejection, run } from './check.mjs';

const EXT = process.env.SALESFORCE_EXTERNAL_ID_FIELD || 'ClientLib_Id__c';
const BULK = 2150; // more than one 2,000-record query page
const COLLECTION = 5;
const conn = new jsforce.Connection({
  instanceUrl: env('SALESFORCE_INSTANCE_URL'),
  accessToken: env('SALESFORCE_ACCESS_TOKEN'),
  version: '62.0',
});
const leads = conn.sobject('Lead');
// SALESFORCE_SKIP_COLLECTIONS=<reason> leaves out the array create/retrieve/update/destroy steps (sObject
// Collections other than upsert), which the sandbox does not serve yet.
const skipCollections = process.env.SALESFORCE_SKIP_COLLECTIONS
  && `SALESFORCE_SKIP_COLLECTIONS=${process.env.SALESFORCE_SKIP_COLLECTIONS}`;
const bulkSoql = `SELECT Id, ${EXT}, LastName FROM Lead WHERE LastName = 'Bulk' ORDER BY ${EXT}`;

await run('jsforce', [
  ['limits()', async () => {
    const limits = await conn.limits();
    assert.ok(limits.DailyApiRequests.Max > 0, JSON.stringify(limits.DailyApiRequests));
    assert.ok(limits.DailyApiRequests.Remaining <= limits.DailyApiRequests.Max);
    return { DailyApiRequests: limits.DailyApiRequests };
  }],

  ['sobject(Lead).describe()', async () => {
    const describe = await leads.describe();
    assert.equal(describe.name, 'Lead');
    const byName = Object.fromEntries(describe.fields.map((f) => [f.name, f]));
    for (const name of ['Id', 'LastName', 'Company', 'Email', EXT]) {
      assert.ok(byName[name], `describe lacks ${name}`);
    }
    assert.equal(byName[EXT].externalId, true);
    assert.equal(byName[EXT].updateable, true);
    return { fields: describe.fields.length };
  }],

  ['sobject(Lead).create', async (result) => {
    const saved = await leads.create({ FirstName: 'Grace', LastName: 'Hopper', Company: 'Navy', Email: 'grace@clientlib.example' });
    assert.equal(saved.success, true, JSON.stringify(saved));
    assert.match(saved.id, /^00Q[A-Za-z0-9]{15}$/);
    result.graceId = saved.id;
  }],

  ['sobject(Lead).retrieve', async (result) => {
    const lead = await leads.retrieve(result.graceId);
    assert.equal(lead.Id, result.graceId);
    assert.equal(lead.LastName, 'Hopper');
    assert.equal(lead.Company, 'Navy');
    assert.equal(lead.attributes.type, 'Lead');
  }],

  ['query(User) and query(AssignmentRule)', async (result) => {
    const users = await conn.query('SELECT Id, Username, Email, Name, IsActive, ProfileId FROM User ORDER BY Username');
    assert.equal(users.totalSize, 2);
    assert.ok(users.records.every((u) => u.IsActive === true && /^00e/.test(u.ProfileId)), JSON.stringify(users));
    result.adminId = users.records.find((u) => u.Username === 'admin@acme.example').Id;
    result.repId = users.records.find((u) => u.Username === 'rep@acme.example').Id;
    const rules = await conn.query("SELECT Id, Name FROM AssignmentRule WHERE SobjectType = 'Lead' AND Active = true");
    assert.equal(rules.totalSize, 1);
    assert.match(rules.records[0].Id, /^01Q/);
  }],

  ['Sforce-Auto-Assign through the DML options (absent = TRUE, on create and update)', async (result) => {
    const routed = await leads.create({ LastName: 'Routed', Company: 'Rules' });
    assert.equal((await leads.retrieve(routed.id)).OwnerId, result.repId);
    const noRules = { headers: { 'Sforce-Auto-Assign': 'FALSE' } };
    const kept = await leads.create({ LastName: 'Kept', Company: 'Rules' }, noRules);
    assert.equal((await leads.retrieve(kept.id)).OwnerId, result.adminId);
    await leads.update({ Id: kept.id, Title: 'CTO' }, noRules);
    assert.equal((await leads.retrieve(kept.id)).OwnerId, result.adminId);
    await leads.update({ Id: kept.id, Title: 'CEO' });
    assert.equal((await leads.retrieve(kept.id)).OwnerId, result.repId);
    await leads.destroy(routed.id);
    await leads.destroy(kept.id);
  }],

  ['sobject(Lead).update', async (result) => {
    const saved = await leads.update({ Id: result.graceId, Company: 'US Navy', Title: 'Rear Admiral' });
    assert.equal(saved.success, true, JSON.stringify(saved));
    assert.equal(saved.id, result.graceId);
    const lead = await leads.retrieve(result.graceId);
    assert.equal(lead.Company, 'US Navy');
    assert.equal(lead.Title, 'Rear Admiral');
  }],

  [`sobject(Lead).upsert by ${EXT}: insert, then update`, async (result) => {
    const inserted = await leads.upsert({ [EXT]: 'sf-single', LastName: 'Upserted', Company: 'First' }, EXT);
    assert.equal(inserted.success, true, JSON.stringify(inserted));
    assert.equal(inserted.created, true, JSON.stringify(inserted));
    const updated = await leads.upsert({ [EXT]: 'sf-single', LastName: 'Upserted', Company: 'Second' }, EXT);
    assert.equal(updated.success, true, JSON.stringify(updated));
    assert.notEqual(updated.created, true, JSON.stringify(updated));
    const found = await conn.query(`SELECT Id, Company FROM Lead WHERE ${EXT} = 'sf-single'`);
    assert.equal(found.totalSize, 1);
    assert.equal(found.records[0].Company, 'Second');
    result.upsertedId = found.records[0].Id;
  }],

  ['sobject(Lead).destroy, then retrieve -> NOT_FOUND', async (result) => {
    const deleted = await leads.destroy(result.graceId);
    assert.equal(deleted.success, true, JSON.stringify(deleted));
    const error = await rejection(() => leads.retrieve(result.graceId), 'retrieving a deleted lead');
    assert.equal(error.errorCode, 'NOT_FOUND', String(error));
  }],

  ['unknown field surfaces errorCode INVALID_FIELD (query and create)', async () => {
    const queryError = await rejection(() => conn.query('SELECT Id, No_Such_Field__c FROM Lead'), 'a query naming an unknown field');
    assert.equal(queryError.errorCode, 'INVALID_FIELD', String(queryError));
    assert.equal(queryError.name, 'INVALID_FIELD');
    const createError = await rejection(() => leads.create({ LastName: 'X', Company: 'Y', No_Such_Field__c: 'z' }),
      'a create naming an unknown field');
    assert.equal(createError.errorCode, 'INVALID_FIELD', String(createError));
    return { query: queryError.message, create: createError.message };
  }],

  ['query LeadStatus: the converted status', async (result) => {
    const statuses = await conn.query('SELECT Id, MasterLabel, ApiName, IsConverted, IsDefault, SortOrder FROM LeadStatus '
      + 'WHERE IsConverted = true');
    assert.equal(statuses.totalSize, 1, JSON.stringify(statuses.records));
    result.convertedStatus = statuses.records[0].MasterLabel;
    return { convertedStatus: result.convertedStatus };
  }],

  ['soap.convertLead (POST /services/Soap/u/62.0): Contact and Account, the Lead read-only after', async (result) => {
    const lead = await leads.create({ FirstName: 'Edsger', LastName: 'Dijkstra', Company: 'Mathematisch Centrum',
      Email: 'edsger@clientlib.example', City: 'Amsterdam', Website: 'https://mc.clientlib.example' });
    assert.equal(lead.success, true, JSON.stringify(lead));
    const converted = await conn.soap.convertLead({ leadId: lead.id, convertedStatus: result.convertedStatus,
      doNotCreateOpportunity: true });
    assert.equal(converted.success, true, JSON.stringify(converted));
    assert.equal(converted.leadId, lead.id);
    assert.match(converted.contactId, /^003[A-Za-z0-9]{15}$/);
    assert.match(converted.accountId, /^001[A-Za-z0-9]{15}$/);
    assert.equal(converted.opportunityId, null);
    const after = await leads.retrieve(lead.id);
    assert.equal(after.IsConverted, true);
    assert.equal(after.ConvertedContactId, converted.contactId);
    assert.equal(after.ConvertedAccountId, converted.accountId);
    assert.equal(after.Status, result.convertedStatus);
    assert.match(after.ConvertedDate, /^\d{4}-\d{2}-\d{2}$/);
    const contact = await conn.sobject('Contact').retrieve(converted.contactId);
    assert.equal(contact.LastName, 'Dijkstra');
    assert.equal(contact.Email, 'edsger@clientlib.example');
    assert.equal(contact.MailingCity, 'Amsterdam');
    assert.equal(contact.AccountId, converted.accountId);
    const account = await conn.sobject('Account').retrieve(converted.accountId);
    assert.equal(account.Name, 'Mathematisch Centrum');
    const update = await rejection(() => leads.update({ Id: lead.id, Title: 'Professor' }), 'updating a converted lead');
    assert.equal(update.errorCode, 'CANNOT_UPDATE_CONVERTED_LEAD', String(update));
    const task = await rejection(() => conn.sobject('Task').create({ WhoId: lead.id, Subject: 'Call' }),
      'a Task on a converted lead');
    assert.equal(task.errorCode, 'CANNOT_UPDATE_CONVERTED_LEAD', String(task));
    const again = await conn.soap.convertLead({ leadId: lead.id, convertedStatus: result.convertedStatus,
      doNotCreateOpportunity: true });
    assert.equal(again.success, false);
    assert.equal(again.errors[0].statusCode, 'CANNOT_UPDATE_CONVERTED_LEAD', JSON.stringify(again));
    return { contactId: converted.contactId, accountId: converted.accountId };
  }],

  ['soap.convertLead with a status that does not convert fails that lead', async () => {
    const lead = await leads.create({ LastName: 'Hoare', Company: 'Elliott Brothers', Email: 'tony@clientlib.example' });
    const refused = await conn.soap.convertLead({ leadId: lead.id, convertedStatus: 'Working - Contacted',
      doNotCreateOpportunity: true });
    assert.equal(refused.success, false);
    assert.equal(refused.errors[0].statusCode, 'INVALID_STATUS', JSON.stringify(refused));
    assert.equal((await leads.retrieve(lead.id)).IsConverted, false);
  }],

  ['soap.merge of Leads: the loser deleted, visible through queryAll with MasterRecordId', async () => {
    const master = await leads.create({ LastName: 'Liskov', Company: 'MIT', Email: 'barbara@clientlib.example' });
    const loser = await leads.create({ LastName: 'Liskov-Huberman', Company: 'Venture', Email: 'bl@clientlib.example' });
    const merged = await conn.soap.merge({ masterRecord: { type: 'Lead', Id: master.id, Title: 'Professor' },
      recordToMergeIds: [loser.id] });
    assert.equal(merged.success, true, JSON.stringify(merged));
    assert.equal(merged.id, master.id);
    assert.deepEqual(merged.mergedRecordIds, [loser.id]);
    const gone = await rejection(() => leads.retrieve(loser.id), 'retrieving a merged-away lead');
    assert.equal(gone.errorCode, 'NOT_FOUND', String(gone));
    const all = await conn.query(`SELECT Id, IsDeleted, MasterRecordId FROM Lead WHERE Id = '${loser.id}'`, { scanAll: true });
    assert.equal(all.totalSize, 1);
    assert.equal(all.records[0].IsDeleted, true);
    assert.equal(all.records[0].MasterRecordId, master.id);
    assert.equal((await leads.retrieve(master.id)).Title, 'Professor');
  }],

  ['duplicate rules (active by default): DUPLICATES_DETECTED, then saved with Sforce-Duplicate-Rule-Header', async () => {
    const first = await leads.create({ FirstName: 'Alan', LastName: 'Turing', Company: 'Bletchley Park', Title: 'Cryptanalyst',
      Email: 'alan@clientlib.example' });
    assert.equal(first.success, true, JSON.stringify(first));
    const refused = await rejection(() => leads.create({ FirstName: 'Alan', LastName: 'Turing',
      Company: 'Bletchley Park Ltd', Email: 'ALAN@clientlib.example' }), 'a create matching the duplicate rule');
    assert.equal(refused.errorCode, 'DUPLICATES_DETECTED', String(refused));
    assert.equal(refused.message, 'Use one of these records?');
    // Collections: the record's error carries statusCode, message and fields only (no duplicateResult).
    const inArray = await leads.create([{ LastName: 'Turing', FirstName: 'A', Company: 'Bletchley Park', Title: 'Cryptanalyst' },
      { LastName: 'Flowers', FirstName: 'Tommy', Company: 'Post Office Research Station' }]);
    assert.equal(inArray[0].success, false, JSON.stringify(inArray));
    assert.equal(inArray[0].errors[0].statusCode, 'DUPLICATES_DETECTED', JSON.stringify(inArray));
    assert.equal(inArray[0].errors[0].duplicateResult, undefined, JSON.stringify(inArray));
    assert.equal(inArray[1].success, true, JSON.stringify(inArray));
    const allowSave = { headers: { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' } };
    const saved = await leads.create({ FirstName: 'Alan', LastName: 'Turing', Company: 'Bletchley Park',
      Email: 'alan@clientlib.example' }, allowSave);
    assert.equal(saved.success, true, JSON.stringify(saved));
    const twins = await conn.query("SELECT Id FROM Lead WHERE Email = 'alan@clientlib.example'");
    assert.equal(twins.totalSize, 2);
    return { refused: refused.errorCode };
  }],
  ['validation rule (set through the sandbox control API): FIELD_CUSTOM_VALIDATION_EXCEPTION', async () => {
    const control = `${conn.instanceUrl}/__sandbox/salesforce/validation-rules`;
    const rule = await fetch(control, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ object: 'Lead', name: 'Phone_Is_A_Number', field: 'Phone', when: 'notMatches',
        value: '[+0-9 ()-]{7,}', errorMessage: 'Phone must be a phone number', errorDisplayField: 'Phone' }) });
    assert.equal(rule.status, 201, await rule.text());
    try {
      const refused = await rejection(() => leads.create({ LastName: 'Shannon', Company: 'Bell Labs',
        Phone: 'call me' }), 'a create breaking the validation rule');
      assert.equal(refused.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', String(refused));
      assert.equal(refused.message, 'Phone must be a phone number');
      const ok = await leads.create({ LastName: 'Shannon', Company: 'Bell Labs', Phone: '+1 908 582 3000' });
      assert.equal(ok.success, true, JSON.stringify(ok));
      const describe = await leads.describe();
      const source = describe.fields.find((f) => f.name === 'LeadSource');
      assert.equal(source.length, 40);
      assert.equal(source.restrictedPicklist, false);
      assert.ok(source.picklistValues.some((v) => v.value === 'Web'), JSON.stringify(source.picklistValues));
    } finally {
      await fetch(`${control}/Lead/Phone_Is_A_Number`, { method: 'DELETE' });
    }
  }],
  ['soap call with a revoked session: INVALID_SESSION_ID fault', async () => {
    const stranger = new jsforce.Connection({ instanceUrl: conn.instanceUrl, accessToken: 'not-a-session',
      version: '62.0' });
    const error = await rejection(() => stranger.soap.convertLead({ leadId: '00Q000000000000AAA',
      convertedStatus: 'Closed - Converted', doNotCreateOpportunity: true }), 'a SOAP call without a session');
    assert.match(String(error.errorCode || error.name || error), /INVALID_SESSION_ID/, String(error));
  }],

  [`sobject(Lead).upsert of ${BULK} records by ${EXT} (composite/sobjects collections, allowRecursive)`, async () => {
    const records = Array.from({ length: BULK }, (_, i) => ({
      [EXT]: `sf-bulk-${String(i).padStart(4, '0')}`, LastName: 'Bulk', Company: `Bulk ${i}`,
    }));
    const results = await leads.upsert(records, EXT, { allowRecursive: true });
    assert.equal(results.length, BULK);
    const failed = results.filter((r) => !r.success);
    assert.deepEqual(failed, []);
    assert.ok(results.every((r) => r.created === true));
    return { calls: Math.ceil(BULK / 200) };
  }],

  ['query + queryMore over more than one page', async () => {
    let page = await conn.query(bulkSoql);
    assert.equal(page.totalSize, BULK);
    assert.equal(page.done, false);
    const pageSizes = [page.records.length];
    const ids = page.records.map((r) => r[EXT]);
    while (!page.done) {
      page = await conn.queryMore(page.nextRecordsUrl);
      pageSizes.push(page.records.length);
      ids.push(...page.records.map((r) => r[EXT]));
    }
    assert.equal(ids.length, BULK);
    assert.equal(new Set(ids).size, BULK);
    return { pageSizes };
  }],

  ['query with autoFetch (record events)', async () => {
    const records = [];
    await new Promise((resolve, reject) => {
      conn.query(bulkSoql)
        .on('record', (record) => records.push(record))
        .on('end', resolve)
        .on('error', reject)
        .run({ autoFetch: true, maxFetch: 10000 });
    });
    assert.equal(records.length, BULK);
    assert.equal(records[0][EXT], 'sf-bulk-0000');
    assert.equal(records[BULK - 1][EXT], `sf-bulk-${BULK - 1}`);
  }],

  ['sobject(Lead).find(...).execute({ autoFetch })', async () => {
    const records = await leads.find({ LastName: 'Bulk' }, ['Id', EXT]).execute({ autoFetch: true, maxFetch: 10000 });
    assert.equal(records.length, BULK);
  }],

  ['sobject(Lead).create with an array (POST composite/sobjects)', async (result) => {
    const records = Array.from({ length: COLLECTION }, (_, i) => ({ LastName: 'Collection', Company: `Collection ${i}` }));
    const results = await leads.create(records);
    assert.equal(results.length, COLLECTION);
    assert.ok(results.every((r) => r.success === true), JSON.stringify(results));
    result.collectionIds = results.map((r) => r.id);
  }, skipCollections],

  ['sobject(Lead).retrieve with an array (POST composite/sobjects/Lead)', async (result) => {
    const records = await leads.retrieve(result.collectionIds, { fields: ['Id', 'Company'] });
    assert.deepEqual(records.map((r) => r.Id), result.collectionIds);
    assert.equal(records[0].Company, 'Collection 0');
  }, skipCollections],

  ['sobject(Lead).update with an array (PATCH composite/sobjects)', async (result) => {
    const results = await leads.update(result.collectionIds.map((Id) => ({ Id, Company: 'Collection updated' })));
    assert.ok(results.every((r) => r.success === true), JSON.stringify(results));
  }, skipCollections],

  ['sobject(Lead).destroy with an array (DELETE composite/sobjects?ids=)', async (result) => {
    const results = await leads.destroy(result.collectionIds.slice(0, 2));
    assert.ok(results.every((r) => r.success === true), JSON.stringify(results));
  }, skipCollections],
]);
