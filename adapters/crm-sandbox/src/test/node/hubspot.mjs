// HubSpot's official Node client, unchanged, against the HubSpot sandbox. Run by ClientLibrariesIT:
//   HUBSPOT_BASE_URL=http://localhost:PORT HUBSPOT_ACCESS_TOKEN=... HUBSPOT_EXPIRED_TOKEN=... \
//   HUBSPOT_REFRESH_TOKEN=... HUBSPOT_CLIENT_ID=... HUBSPOT_CLIENT_SECRET=... node hubspot.mjs
// HUBSPOT_SKIP_SEARCH=<reason> leaves out the search step (the sandbox does not serve search yet).
// Contacts it writes have emails @clientlib.example and the unique property clientlib_id (values hs-...).
// The client (13.5.0) covers only the v1 OAuth API; the date-versioned one (2026-03) is checked by HubSpotDatedOAuthIT.
import assert from 'node:assert/strict';
import hubspot from '@hubspot/api-client';
import { env, rejection, run } from './check.mjs';

const { Client } = hubspot;
const basePath = env('HUBSPOT_BASE_URL');
const client = new Client({ accessToken: env('HUBSPOT_ACCESS_TOKEN'), basePath });
const contacts = client.crm.contacts;
const UNIQUE = 'clientlib_id';
const BATCH = 12;
const PAGE = 5;

await run('@hubspot/api-client', [
  ['crm.properties.coreApi.create (hasUniqueValue)', async (result) => {
    const property = await client.crm.properties.coreApi.create('contacts', {
      name: UNIQUE, label: 'Client library id', type: 'string', fieldType: 'text',
      groupName: 'contactinformation', hasUniqueValue: true,
    });
    assert.equal(property.name, UNIQUE);
    assert.equal(property.hasUniqueValue, true);
    result.uniqueProperty = property.name;
  }],

  ['crm.properties.coreApi.getAll', async () => {
    const all = await client.crm.properties.coreApi.getAll('contacts');
    const names = all.results.map((p) => p.name);
    for (const name of ['email', 'firstname', 'lastname', UNIQUE]) {
      assert.ok(names.includes(name), `getAll lacks ${name}: ${names.join(',')}`);
    }
    return { properties: names.length };
  }],

  ['crm.contacts.basicApi.create', async (result) => {
    const created = await contacts.basicApi.create({
      properties: { email: 'ada@clientlib.example', firstname: 'Ada', lastname: 'Lovelace', company: 'Analytical' },
      associations: [],
    });
    assert.match(created.id, /^\d+$/);
    assert.equal(created.properties.email, 'ada@clientlib.example');
    assert.ok(created.createdAt instanceof Date, 'createdAt is deserialized to a Date');
    result.adaId = created.id;
  }],

  ['crm.contacts.basicApi.getById', async (result) => {
    const found = await contacts.basicApi.getById(result.adaId, ['email', 'firstname', 'lastname', 'company']);
    assert.equal(found.id, result.adaId);
    assert.equal(found.properties.firstname, 'Ada');
    assert.equal(found.properties.company, 'Analytical');
    assert.equal(found.archived, false);
  }],

  ['crm.contacts.basicApi.getById by idProperty=email', async (result) => {
    const found = await contacts.basicApi.getById('ada@clientlib.example', ['lastname'], undefined, undefined,
      false, 'email');
    assert.equal(found.id, result.adaId);
  }],

  ['crm.associations.v4.batchApi.getPage: the company the portal made from the e-mail domain', async (result) => {
    const page = await client.crm.associations.v4.batchApi.getPage('contacts', 'companies', { inputs: [{ id: result.adaId }] });
    assert.equal(page.results.length, 1, JSON.stringify(page));
    const companyId = String(page.results[0].to[0].toObjectId);
    const company = await client.crm.companies.basicApi.getById(companyId, ['domain']);
    assert.equal(company.properties.domain, 'clientlib.example');
    return { company: companyId };
  }],

  ['crm.contacts.basicApi.update', async (result) => {
    const updated = await contacts.basicApi.update(result.adaId, { properties: { lastname: 'King', jobtitle: 'Countess' } });
    assert.equal(updated.id, result.adaId);
    assert.equal(updated.properties.lastname, 'King');
    const again = await contacts.basicApi.getById(result.adaId, ['lastname', 'jobtitle']);
    assert.equal(again.properties.lastname, 'King');
    assert.equal(again.properties.jobtitle, 'Countess');
  }],

  ['crm.contacts.basicApi.create duplicate email -> 409', async () => {
    const error = await rejection(() => contacts.basicApi.create({
      properties: { email: 'ada@clientlib.example', lastname: 'Again' }, associations: [],
    }), 'a second contact with the same email');
    assert.equal(error.code, 409, String(error));
    assert.equal(error.body.category, 'CONFLICT', JSON.stringify(error.body));
    assert.match(error.body.message, /Contact already exists/);
    return { code: error.code, category: error.body.category };
  }],

  ['crm.contacts.batchApi.upsert (idProperty clientlib_id), create then update', async (result) => {
    const inputs = (suffix) => Array.from({ length: BATCH }, (_, i) => ({
      idProperty: UNIQUE, id: `hs-${i}`,
      properties: { email: `batch${i}@clientlib.example`, firstname: `Batch${i}`, lastname: `Upsert ${suffix}` },
    }));
    const first = await contacts.batchApi.upsert({ inputs: inputs('one') });
    assert.equal(first.status, 'COMPLETE');
    assert.equal(first.results.length, BATCH);
    assert.ok(first.results.every((r) => r._new === true || r['new'] === true), 'first upsert creates');
    const second = await contacts.batchApi.upsert({ inputs: inputs('two') });
    assert.equal(second.results.length, BATCH);
    assert.ok(second.results.every((r) => r._new === false || r['new'] === false), 'second upsert updates');
    assert.deepEqual(new Set(second.results.map((r) => r.id)), new Set(first.results.map((r) => r.id)));
    assert.ok(second.results.every((r) => r.properties.lastname === 'Upsert two'));
    result.batchIds = first.results.map((r) => r.id).sort();
  }],

  ['crm.contacts.batchApi.read (by id and by idProperty)', async (result) => {
    const byId = await contacts.batchApi.read({
      inputs: result.batchIds.slice(0, 3).map((id) => ({ id })), properties: ['email', UNIQUE], propertiesWithHistory: [],
    });
    assert.equal(byId.results.length, 3);
    assert.ok(byId.results.every((r) => r.properties[UNIQUE].startsWith('hs-')));
    const byUnique = await contacts.batchApi.read({
      inputs: [{ id: 'hs-0' }, { id: 'hs-1' }], idProperty: UNIQUE, properties: ['email'], propertiesWithHistory: [],
    });
    assert.deepEqual(byUnique.results.map((r) => r.properties.email).sort(),
      ['batch0@clientlib.example', 'batch1@clientlib.example']);
  }],

  ['crm.contacts.searchApi.doSearch (filter, sort, paging)', async (result) => {
    const seen = [];
    let after;
    let pages = 0;
    let total;
    do {
      const page = await contacts.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName: 'lastname', operator: 'EQ', value: 'Upsert two' }] }],
        sorts: ['email'], properties: ['email', 'lastname'], limit: PAGE, after,
      });
      total = page.total;
      assert.ok(page.results.length <= PAGE);
      seen.push(...page.results.map((r) => r.id));
      after = page.paging && page.paging.next ? page.paging.next.after : undefined;
      pages += 1;
      assert.ok(pages < 10, 'paging ends');
    } while (after);
    assert.equal(total, BATCH);
    assert.equal(seen.length, BATCH);
    assert.deepEqual([...seen].sort(), result.batchIds);
    assert.equal(pages, Math.ceil(BATCH / PAGE));
    return { total, pages };
  }, process.env.HUBSPOT_SKIP_SEARCH && `HUBSPOT_SKIP_SEARCH=${process.env.HUBSPOT_SKIP_SEARCH}`],

  ['crm.contacts.basicApi.merge: a new contact that both old ids read as', async () => {
    const make = async (email, jobtitle) => (await contacts.basicApi.create({
      properties: { email, lastname: 'Merge', jobtitle }, associations: [],
    })).id;
    const primary = await make('merge1@clientlib.example', 'Primary');
    const other = await make('merge2@clientlib.example', 'Other');
    const merged = await contacts.basicApi.merge({ primaryObjectId: primary, objectIdToMerge: other });
    assert.ok(![primary, other].includes(merged.id), `merged id ${merged.id}`);
    const read = await contacts.basicApi.getById(other, ['email', 'jobtitle', 'hs_merged_object_ids']);
    assert.equal(read.id, merged.id);
    assert.equal(read.properties.email, 'merge1@clientlib.example');
    assert.equal(read.properties.jobtitle, 'Primary');
    assert.deepEqual(read.properties.hs_merged_object_ids.split(';').sort(), [primary, other].sort());
    return { merged: merged.id };
  }],

  ['crm.contacts.basicApi.archive, then getById -> 404', async (result) => {
    await contacts.basicApi.archive(result.adaId);
    const error = await rejection(() => contacts.basicApi.getById(result.adaId), 'reading an archived contact');
    assert.equal(error.code, 404, String(error));
    const archived = await contacts.basicApi.getById(result.adaId, ['email'], undefined, undefined, true);
    assert.equal(archived.archived, true);
  }],

  ['oauth.tokensApi.create (refresh_token grant), new token works', async (result) => {
    const tokens = await client.oauth.tokensApi.create('refresh_token', undefined, undefined,
      env('HUBSPOT_CLIENT_ID'), env('HUBSPOT_CLIENT_SECRET'), env('HUBSPOT_REFRESH_TOKEN'));
    assert.ok(tokens.accessToken, JSON.stringify(tokens));
    assert.equal(tokens.tokenType, 'bearer');
    assert.ok(tokens.expiresIn > 0);
    const refreshed = new Client({ accessToken: tokens.accessToken, basePath });
    const found = await refreshed.crm.contacts.basicApi.getById(result.batchIds[0], ['email']);
    assert.equal(found.id, result.batchIds[0]);
  }],

  ['an expired token surfaces 401', async () => {
    const expired = new Client({ accessToken: env('HUBSPOT_EXPIRED_TOKEN'), basePath });
    const error = await rejection(() => expired.crm.contacts.basicApi.getPage(10), 'a call with an expired token');
    assert.equal(error.code, 401, String(error));
    assert.equal(error.body.category, 'EXPIRED_AUTHENTICATION', JSON.stringify(error.body));
    return { code: error.code, category: error.body.category };
  }],
]);
