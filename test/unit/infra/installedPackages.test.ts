// The deployed bundle of the invoice renderer, built as the CDK app builds the issue-invoices
// function (its declared bundling, translated to esbuild's options as NodejsFunction translates
// them) and run in a Node.js process of its own, so the bundle rather than the sources is tested.
// pdfkit loads its standard fonts' metrics through a createRequire that esbuild cannot follow:
// bundled into the function it fails at render; left external and installed beside the bundle
// (nodeModules) it renders. The second case pins why the declaration is there: once pdfkit bundles
// cleanly, it fails and the declaration can go.
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { invoiceFromOrder } from '../../../backend-services/invoices/domain/invoice.ts';
import { esbuildOptionsFor } from '../../../bench/artifacts.ts';
import { bundlingOf, HANDLER_BUNDLING } from '../../../infra/constructs/handlerFunction.ts';
import { REPO_ROOT } from '../../../system/artifacts.ts';
import { SYSTEM } from '../../../system/index.ts';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { anOrderItem } from '../../support/backend-services/orders.ts';
import { pdfText } from '../../support/pdfText.ts';

const run = promisify(execFile);
// Inside the repository, so that a package left external resolves from its node_modules, as it
// does from the function's own node_modules on Lambda.
const outRoot = join(REPO_ROOT, 'node_modules', '.cache');
const folders: string[] = [];

afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

const ENTRY = `
import { renderInvoicePdf } from './backend-services/invoices/domain/renderPdf.ts';
renderInvoicePdf(JSON.parse(process.argv[2]), { compress: false }).then(
  (pdf) => process.stdout.write(pdf.toString('base64')),
  (error) => { process.stderr.write(String(error)); process.exitCode = 1; },
);
`;

const invoice = invoiceFromOrder(anOrderItem('order-1'), {
  number: 'INV-2026-000007',
  issuedDate: new Date('2026-03-04T10:00:00Z'),
  seller: { name: 'Commerce Ltd', addressLines: ['1 Market Street'], vatId: 'GB123456789' },
  currency: 'EUR',
});

/** Bundles the renderer with these options and runs it; the PDF's text, or the process's error. */
async function renderBundled(bundling: BundlingOptions): Promise<string[]> {
  const { options, outFile } = esbuildOptionsFor(bundling);
  await mkdir(outRoot, { recursive: true });
  const folder = await mkdtemp(join(outRoot, 'bundle-'));
  folders.push(folder);
  const outfile = join(folder, outFile);
  await build({
    ...options,
    stdin: { contents: ENTRY, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: 'entry.ts' },
    outfile,
    absWorkingDir: REPO_ROOT,
    logLevel: 'silent',
  });
  const { stdout } = await run(process.execPath, [outfile, JSON.stringify(invoice)]);
  return pdfText(Buffer.from(stdout, 'base64'));
}

describe('packages installed beside a bundle', () => {
  const issueInvoice = SYSTEM.eventRules
    .flatMap((rule) => rule.targets)
    .flatMap((target) =>
      target.type === 'HANDLER' && target.handler.module.endsWith('/issueInvoice.ts') ? [target.handler] : [],
    )[0];

  it('the issue-invoices function declares pdfkit installed, and its bundle renders an invoice', async () => {
    expect(issueInvoice?.installedPackages).toEqual(['pdfkit']);
    expect(bundlingOf(issueInvoice!).nodeModules).toEqual(['pdfkit']);
    const text = await renderBundled(bundlingOf(issueInvoice!));
    expect(text).toEqual(expect.arrayContaining(['Invoice', 'Number: INV-2026-000007']));
  });

  it('every function that renders PDFs declares pdfkit installed, as issue-invoices does', () => {
    const handlers = [
      ...SYSTEM.services.flatMap((service) => [
        ...service.routes.map((route) => route.handler),
        ...(service.tableEvents ?? []).map((events) => events.handler),
      ]),
      ...[...SYSTEM.eventRules, ...SYSTEM.schedules].flatMap((rule) =>
        rule.targets.flatMap((target) => (target.type === 'HANDLER' ? [target.handler] : [])),
      ),
    ];
    const rendering = handlers.filter((reference) =>
      readFileSync(join(REPO_ROOT, reference.module), 'utf8').includes("/domain/renderPdf.ts'"),
    );
    expect(rendering.map((reference) => reference.module).sort()).toEqual([
      'backend-services/invoices/handlers/issueCreditNote.ts',
      'backend-services/invoices/handlers/issueInvoice.ts',
    ]);
    for (const reference of rendering) expect(reference.installedPackages, reference.module).toEqual(['pdfkit']);
  });

  it('pdfkit bundled into the function cannot find its standard fonts at render', async () => {
    await expect(renderBundled(HANDLER_BUNDLING)).rejects.toThrow(/#standard-fonts\/Helvetica/);
  });
});
