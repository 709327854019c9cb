import 'reflect-metadata';
import { startServer } from './server.js';

startServer().catch((error: unknown) => {
  console.error('Emergency Fund failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
