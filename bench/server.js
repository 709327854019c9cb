// The service as `npm start` runs it, plus the benchmarks' baseline route, which lives here and
// never in src/: GET /api/v1/bench/blank is the smallest page (the web benchmark's reference);
// POST /api/v1/bench/baseline inserts one row into one table in a transaction, behind
// the same guard, pipes, logging and connection pool as every other route; GET /api/v1/bench/read
// is the cheapest signed-in read of the database (one prepared one-row statement, a tiny answer),
// the floor of any detail read. Its table is made here,
// in the benchmark's own database only. Started by lib.js's startService({ baseline: true }).
import 'reflect-metadata';
import { Controller, Get, Header, HttpCode, Module, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Authenticated, Public } from '../dist/src/common/auth/auth.decorators.js';
import { pooledPreparedQuery } from '../dist/src/common/database/prepared.js';
import { startServer } from '../dist/src/server.js';

const PROBE_TABLE = `CREATE TABLE IF NOT EXISTS bench_probe (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamptz(3) NOT NULL DEFAULT now())`;

class BaselineController {
  constructor(dataSource) {
    this.dataSource = dataSource;
  }

  // what TypeORM's save() of a one-column entity sends: BEGIN, INSERT … RETURNING, COMMIT
  async baseline() {
    const [row] = await this.dataSource.transaction((m) => m.query('INSERT INTO bench_probe DEFAULT VALUES RETURNING id, created_at'));
    return { id: row.id };
  }

  // one round trip to PostgreSQL as the detail reads make it: a named prepared statement on the pool
  async read() {
    const [row] = await pooledPreparedQuery(this.dataSource, 'ef_bench_read', 'SELECT 1 AS one', []);
    return { one: row.one };
  }
}
// the web benchmark's reference: the smallest page the service can send
class BlankController {
  blank() {
    return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body></body></html>';
  }
}
Reflect.decorate(
  [Get('blank'), Public(), Header('Content-Type', 'text/html; charset=utf-8')],
  BlankController.prototype,
  'blank',
  Object.getOwnPropertyDescriptor(BlankController.prototype, 'blank'),
);
Reflect.decorate([ApiExcludeController(), Controller('bench')], BlankController);

// decorators by hand: this file is plain JavaScript, run without a compiler
Reflect.defineMetadata('design:paramtypes', [DataSource], BaselineController);
const method = Object.getOwnPropertyDescriptor(BaselineController.prototype, 'baseline');
Reflect.decorate([Post('baseline'), Authenticated(), HttpCode(201)], BaselineController.prototype, 'baseline', method);
Reflect.decorate(
  [Get('read'), Authenticated()],
  BaselineController.prototype,
  'read',
  Object.getOwnPropertyDescriptor(BaselineController.prototype, 'read'),
);
Reflect.decorate([ApiExcludeController(), Controller('bench')], BaselineController);

class BaselineModule {
  constructor(dataSource) {
    this.dataSource = dataSource;
  }

  async onModuleInit() {
    await this.dataSource.query(PROBE_TABLE);
  }
}
Reflect.defineMetadata('design:paramtypes', [DataSource], BaselineModule);
Reflect.decorate([Module({ controllers: [BaselineController, BlankController] })], BaselineModule);

startServer([BaselineModule]).catch((error) => {
  console.error('bench server failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
