import { describe, expect, it } from 'vitest';
import { FunctionEnvironment } from '../../../src/lambda/environment.ts';

describe('FunctionEnvironment', () => {
  it("shows a function its own variables on top of the process's, across awaits and timers", async () => {
    const environment = new FunctionEnvironment({ TABLE: 'orders' });
    const seen = await environment.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { table: process.env.TABLE, path: process.env.PATH, listed: Object.keys(process.env).includes('TABLE') };
    });
    expect(seen).toEqual({ table: 'orders', path: process.env.PATH, listed: true });
  });

  it("keeps one function's variables, and what it sets, from another function and from the process", () => {
    const first = new FunctionEnvironment({ ONLY_FIRST: '1' });
    const second = new FunctionEnvironment({ ONLY_SECOND: '2' });
    first.run(() => {
      process.env.SET_BY_FIRST = 'yes';
    });
    expect(second.run(() => ({ ...process.env }))).not.toHaveProperty('ONLY_FIRST');
    expect(second.run(() => process.env.SET_BY_FIRST)).toBeUndefined();
    expect(first.run(() => process.env.SET_BY_FIRST)).toBe('yes');
    expect(process.env.ONLY_FIRST).toBeUndefined();
    expect('SET_BY_FIRST' in process.env).toBe(false);
  });

  it('lets a function delete its own variable without touching the process', () => {
    process.env.SHARED_FOR_TEST = 'process';
    const environment = new FunctionEnvironment({});
    environment.run(() => {
      delete process.env.SHARED_FOR_TEST;
    });
    expect(environment.run(() => process.env.SHARED_FOR_TEST)).toBeUndefined();
    expect(process.env.SHARED_FOR_TEST).toBe('process');
    delete process.env.SHARED_FOR_TEST;
  });

  it('inherits only the process variables its filter keeps', () => {
    process.env.FROM_THE_SHELL = 'shell';
    const environment = new FunctionEnvironment({ OWN: 'own' }, { inherit: (name) => name !== 'FROM_THE_SHELL' });
    expect(environment.run(() => ({ own: process.env.OWN, shell: process.env.FROM_THE_SHELL, path: process.env.PATH }))).toEqual({
      own: 'own',
      shell: undefined,
      path: process.env.PATH,
    });
    delete process.env.FROM_THE_SHELL;
  });
});
