// Shared by hubspot.mjs and salesforce.mjs: named steps, a JSON summary on stdout, exit 1 on the first failure
// with the library's own error printed (stderr), so ClientLibrariesIT can show what went wrong.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
}

export function versionOf(pkg) {
  return require(`${pkg}/package.json`).version;
}

/**
 * Runs the steps ([name, fn] or [name, fn, reasonToSkip]) in order; the first that throws ends the run with exit
 * code 1. A step with a truthy reasonToSkip is listed as skipped and not run.
 */
export async function run(library, steps) {
  const summary = { library, version: versionOf(library), node: process.version, steps: [], result: {} };
  for (const [name, fn, skip] of steps) {
    if (skip) {
      summary.steps.push({ name, skipped: skip });
      continue;
    }
    const started = Date.now();
    try {
      const detail = await fn(summary.result);
      summary.steps.push({ name, ok: true, ms: Date.now() - started, ...(detail === undefined ? {} : { detail }) });
    } catch (error) {
      summary.steps.push({ name, ok: false, ms: Date.now() - started, error: String(error && error.message || error) });
      console.log(JSON.stringify(summary, null, 2));
      console.error(`FAILED step "${name}" of ${library}:`);
      console.error(error);
      if (error && error.body !== undefined) {
        console.error('error body:', JSON.stringify(error.body));
      }
      process.exit(1);
    }
  }
  summary.ok = true;
  console.log(JSON.stringify(summary, null, 2));
}

/** Expects fn to reject; answers the error for further checks. */
export async function rejection(fn, what) {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${what} to fail, but it succeeded`);
}
