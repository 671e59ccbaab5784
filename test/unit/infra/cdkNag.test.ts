// cdk-nag's packs (infra/nag.ts: AwsSolutions, Serverless) over the synthesized app, as `cdk synth`
// runs them: every finding, error or warning, is acknowledged next to its construct; every
// acknowledgment still answers a finding; infra/README.md ("cdk-nag") lists each with its reason.
// The stack is its own, with the optional alert email set so that its subscriptions are checked too.
import { readFileSync } from 'node:fs';
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nagPacks } from '../../../infra/nag.ts';
import { synthesizeStack } from './synthesizeStack.ts';

interface Finding {
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
  readonly description: string;
}

interface Acknowledgment {
  readonly rule: string;
  readonly reason: string;
  readonly path: string;
}

let app: IConstruct;

beforeAll(() => {
  const { stack } = synthesizeStack({ alertEmail: 'ops@example.com' });
  app = stack.node.root;
}, 60_000);

/** What the packs find, without what is acknowledged; with it too when `ignoringAcknowledgments`. */
function findings({ ignoringAcknowledgments = false } = {}): Finding[] {
  return nagPacks({ verbose: true }).flatMap((pack) => {
    // cdk-nag 3.0.2 asks its private isAcknowledged; answering no, the pack reports every finding.
    // Should an upgrade rename it, every acknowledgment looks unused below, and the test says so.
    if (ignoringAcknowledgments) Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
    return pack.validateScope(app).violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => ({
        rule: violation.ruleName,
        severity: violation.severity ?? 'error',
        path: resource.constructPath ?? '',
        description: violation.description,
      })),
    );
  });
}

/** Every acknowledgment in the app (Validations.of(construct).acknowledge), with the construct it is on. */
function acknowledgments(): Acknowledgment[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          // Recorded as "Annotation::<id>" (rule ids of no known plugin), which cdk-nag strips as well.
          rule: id.replace(/^annotation::/i, ''),
          reason,
          path: construct.node.path,
        })),
      ),
  );
}

/** The rows of infra/README.md's table of acknowledgments: base rule id (before any "[finding]") and reason. */
function readmeRows(): { rule: string; reason: string }[] {
  const readme = readFileSync(new URL('../../../infra/README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## cdk-nag$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [rule = '', , reason = ''] = line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim());
      return { rule: baseRule(rule.replaceAll('`', '')), reason };
    });
}

const baseRule = (id: string): string => id.replace(/\[.*$/, '');
const listed = (found: readonly Finding[]): string =>
  found.map((finding) => `${finding.rule} at ${finding.path}: ${finding.description}`).join('\n');

describe('cdk-nag (AwsSolutions and Serverless)', () => {
  it('finds no error that is not acknowledged', () => {
    const errors = findings().filter((finding) => finding.severity === 'error');
    expect(errors, listed(errors)).toEqual([]);
  });

  it('finds no warning that is not acknowledged', () => {
    const warnings = findings().filter((finding) => finding.severity !== 'error');
    expect(warnings, listed(warnings)).toEqual([]);
  });

  it('finds something once acknowledgments are set aside (the packs ran over the app)', () => {
    expect(findings({ ignoringAcknowledgments: true }).length).toBeGreaterThan(50);
  });

  it('has every acknowledgment answer a finding on its construct or below it', () => {
    const all = findings({ ignoringAcknowledgments: true });
    const unused = acknowledgments().filter(
      (ack) => !all.some((finding) => finding.rule === ack.rule && `${finding.path}/`.startsWith(`${ack.path}/`)),
    );
    expect(
      unused.map((ack) => `${ack.rule} at ${ack.path}`),
      'acknowledgments nothing needs any more: remove them (and their rows in infra/README.md)',
    ).toEqual([]);
  });

  it('acknowledges IAM wildcards one finding at a time, never the whole rule', () => {
    const blanket = acknowledgments().filter((ack) => ack.rule === 'AwsSolutions-IAM5');
    expect(blanket.map((ack) => ack.path)).toEqual([]);
  });

  it('gives every acknowledgment a reason that infra/README.md lists with its rule, and lists no other', () => {
    const inCode = new Set(acknowledgments().map((ack) => JSON.stringify([baseRule(ack.rule), ack.reason])));
    const inReadme = new Set(readmeRows().map((row) => JSON.stringify([row.rule, row.reason])));
    expect(inCode.size).toBeGreaterThan(10);
    expect(
      [...inCode].filter((row) => !inReadme.has(row)),
      'acknowledged in the code, not in the README',
    ).toEqual([]);
    expect(
      [...inReadme].filter((row) => !inCode.has(row)),
      'in the README, acknowledged nowhere',
    ).toEqual([]);
  });
});
