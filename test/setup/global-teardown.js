import pg from 'pg';

/** Drops this run's databases and stops the embedded server. */
export default async function globalTeardown() {
  const serverUrl = process.env.EF_TEST_SERVER_URL;
  const runId = process.env.EF_TEST_RUN_ID;
  if (serverUrl && runId) {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`ef\\_%${runId}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();
  }
  await globalThis.__EF_EMBEDDED__?.stop();
}
