/** `npm run seed`: seeds the demo program into DATABASE_URL (or the embedded server) if it is empty. */
import 'reflect-metadata';
import { runCli } from './cli-app.js';
import { seedDemo } from './seed.js';

runCli(
  async (app, config) => {
    const result = await seedDemo(app, { mode: config.DEMO_SEED === 'minimal' ? 'minimal' : 'full', password: config.DEMO_PASSWORD });
    if (!result.created) console.log('The demo program is already there; nothing seeded.');
    else console.log(`Seeded the demo program.${result.generatedPassword ? ` Demo password: ${result.generatedPassword}` : ''}`);
  },
  { migrate: true },
);
