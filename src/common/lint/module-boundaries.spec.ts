import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

// The lint rule that keeps modules out of one another's repositories (eslint.config.js,
// `local/no-foreign-repository`), run through ESLint's Node API with the project's own config.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: root });
const RULE = 'local/no-foreign-repository';

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

it("refuses another module's repository, from a module's root or from a subfolder", async () => {
  expect(
    await problems(
      'src/modules/reviews/reviews.service.ts',
      "import { ApplicationsRepository } from '../applications/applications.repository.js';\nexport const x = ApplicationsRepository;\n",
    ),
  ).toEqual([expect.stringContaining("repository of module 'applications'")]);
  expect(
    await problems(
      'src/modules/reviews/dto/review.dto.ts',
      "import type { AuditRepository } from '../../audit/audit.repository.js';\nexport type X = AuditRepository;\n",
    ),
  ).toHaveLength(1);
  expect(
    await problems('src/modules/reviews/reviews.service.ts', "export { AwardsRepository } from '../awards/awards.repository';\n"),
  ).toHaveLength(1);
});

it("allows the module's own repository, and another module's SQL fragments and services", async () => {
  expect(
    await problems(
      'src/modules/reviews/reviews.service.ts',
      "import { ReviewsRepository } from './reviews.repository.js';\nexport const x = ReviewsRepository;\n",
    ),
  ).toEqual([]);
  expect(
    await problems(
      'src/modules/reviews/dto/review.dto.ts',
      "import type { ReviewsRepository } from '../reviews.repository.js';\nexport type X = ReviewsRepository;\n",
    ),
  ).toEqual([]);
  expect(
    await problems(
      'src/modules/reviews/reviews.repository.ts',
      "import { auditEventInsert } from '../audit/audit.sql.js';\nimport { AwardsService } from '../awards/awards.service.js';\nexport const x = [auditEventInsert, AwardsService];\n",
    ),
  ).toEqual([]);
});
