/**
 * `npm run admin:reset -- <email>`: the way back in when no admin can sign in (the last one forgot
 * their password, or was locked out). Makes the account of <email> an active admin, creating it if
 * needed, with a new random password printed once here; ends its sessions and writes an audit event
 * with the system as actor. Needs what the app needs (DATABASE_URL and the secrets); see docs/security.md.
 */
import 'reflect-metadata';
import { UsersService } from '../modules/users/users.service.js';
import { runCli } from './cli-app.js';

const email = process.argv[2];
if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) {
  console.error('Usage: npm run admin:reset -- <email>');
  process.exit(2);
}

runCli(async (app) => {
  const { password, created } = await app.get(UsersService).resetAdmin(email);
  console.log(`${created ? 'Created' : 'Reset'} admin ${email}. One-time password (shown only now; change it after signing in):`);
  console.log(password);
});
