// Imports run one way: what is deployed never imports the emulator or the local wiring. The
// rule lives in eslint.config.mjs; this holds it to its word on each folder it guards.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the import boundary', () => {
  it.each([
    ['infra/stacks/example.ts', "import { startLocalStack } from '../../local/stack.ts';"],
    ['infra/example.ts', "import { findFreePort } from 'appsync-local/ports.ts';"],
    ['backend-services/orders/example.ts', "import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';"],
    ['system/example.ts', "import { DEMO_USERS } from '../local/demoUsers.ts';"],
    ['system/example.ts', "import { findFreePort } from '../packages/appsync-local/src/ports.ts';"],
  ])('fails %s importing the emulator or the local wiring', async (filePath, source) => {
    const messages = await restrictedImports(filePath, `${source}\nexport const used = [${source.match(/\{ (\w+) \}/)![1]}];\n`);
    expect(messages).not.toEqual([]);
    expect(messages[0]).toMatch(/Deployed code never imports/);
  });

  it('lets deployed code import the declaration, and the local wiring and tests import the emulator', async () => {
    expect(
      await restrictedImports('infra/example.ts', "import { SYSTEM } from '../system/index.ts';\nexport const used = SYSTEM;\n"),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'local/example.ts',
        "import { findFreePort } from 'appsync-local/ports.ts';\nexport const used = findFreePort;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'test/unit/example.ts',
        "import { startLocalStack } from '../../local/stack.ts';\nexport const used = startLocalStack;\n",
      ),
    ).toEqual([]);
  });
});
