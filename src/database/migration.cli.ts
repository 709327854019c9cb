/**
 * `npm run migration:generate -- Name` | `migration:run` | `migration:revert`.
 * Uses DATABASE_URL, or the embedded server in DATA_DIR. Generate writes the difference between the
 * entities and the migrated database to migrations/<timestamp>-<Name>.ts; review it and add the class
 * to migrations/index.ts.
 */
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config/app-config.js';
import { resolveDatabase } from './database-url.js';
import { openDataSource, runMigrations } from './typeorm-options.js';
import { pendingSchemaChanges } from './schema-drift.js';

async function main() {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const db = await resolveDatabase(config, console.log);
  const dataSource = await openDataSource(db.url);
  try {
    if (command === 'run') {
      const ran = await runMigrations(dataSource);
      console.log(ran.length ? `Ran: ${ran.join(', ')}` : 'No pending migrations');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration');
    } else if (command === 'generate') {
      if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error('usage: migration:generate -- <PascalCaseName>');
      await runMigrations(dataSource);
      const { up, down } = await pendingSchemaChanges(dataSource);
      if (!up.length) {
        console.log('No changes in database schema were found');
        return;
      }
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const file = `migrations/${timestamp}-${name}.ts`;
      const q = (sql: string) => `    await queryRunner.query(\`${sql.replace(/`/g, '\\`')}\`);`;
      writeFileSync(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${up.map(q).join('\n')}\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n${down.map(q).join('\n')}\n  }\n}\n`,
      );
      console.log(`Wrote ${file}: add ${className} to migrations/index.ts`);
    } else {
      throw new Error('usage: migration.cli.js generate <Name> | run | revert');
    }
  } finally {
    await dataSource.destroy();
    await db.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
