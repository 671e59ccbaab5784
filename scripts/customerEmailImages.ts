// The README's pictures of what a customer receives, made from the running system rather than
// drawn: a local stack on free ports, the demo customer's card order of two catalog products,
// fulfilled by the demo admin; then the first page of the emailed invoice PDF as a PNG (poppler's
// pdftoppm) and the local mailbox in Chromium with that order's emails (Debian's chromium, driven
// by playwright-core). Run `npm run docs:images` after changing an email or the invoice's layout.
//
// Needs pdftoppm (Debian: apt-get install poppler-utils) and /usr/bin/chromium.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { attachmentOf, listEmails } from 'appsync-local/mail/index.ts';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import type { CreateOrderResponse, ProductPage } from '../generated/graphql.ts';
import { startLocalStack } from '../local/stack.ts';
import { REPO_ROOT } from '../system/artifacts.ts';
import { idTokenOf } from '../test/support/cognitoSignIn.ts';
import { ADDRESS, deliveryPricing, moveOrder, preauthorize } from '../test/support/checkout.ts';

const IMAGES = join(REPO_ROOT, 'docs', 'images');
const CUSTOMER = 'customer@example.com';
const EMAILS_EXPECTED = 4;

const stack = await startLocalStack({ ports: 'any-free' });
const work = mkdtempSync(join(tmpdir(), 'customer-email-images-'));
try {
  const local = stack.outputs.custom.local;
  const customer = { authorization: await idTokenOf(local, 'customer') };
  const admin = { authorization: await idTokenOf(local, 'admin') };

  const page = await postGraphQL<{ getProducts: ProductPage }>(
    local.graphqlUrl,
    'query { getProducts(limit: 10) { products { productId price stock } } }',
    { headers: customer },
  );
  const [first, second] = page.body.data!.getProducts.products.filter((product) => product.stock >= 2);
  const products = [
    { productId: first!.productId, quantity: 2 },
    { productId: second!.productId, quantity: 1 },
  ];
  const deliveryPrice = await deliveryPricing(local, customer, products);
  const total = first!.price * 2 + second!.price + deliveryPrice;
  const paymentToken = await preauthorize(local, total);
  const placed = await postGraphQL<{ createOrder: CreateOrderResponse }>(
    local.graphqlUrl,
    'mutation ($order: CreateOrderRequest!) { createOrder(order: $order) { success errors { message } order { orderId } } }',
    { variables: { order: { products, address: ADDRESS, deliveryPrice, paymentToken } }, headers: customer },
  );
  const orderId = placed.body.data?.createOrder.order?.orderId;
  if (!orderId) throw new Error(`The order was not placed: ${JSON.stringify(placed.body)}`);
  for (const mutation of ['startPackaging', 'completePackaging', 'startDelivery', 'completeDelivery']) {
    const moved = await moveOrder(local, admin, mutation, orderId);
    if (moved.body.errors) throw new Error(`${mutation}: ${JSON.stringify(moved.body.errors)}`);
  }

  let emails = await listEmails(local.mailboxUrl);
  for (let waited = 0; emails.length < EMAILS_EXPECTED && waited < 30_000; waited += 250) {
    await sleep(250);
    emails = await listEmails(local.mailboxUrl);
  }
  const invoiceEmail = emails.find((email) => email.subject.startsWith('Invoice') && email.to[0]?.address === CUSTOMER);
  if (emails.length < EMAILS_EXPECTED || !invoiceEmail)
    throw new Error(`Expected ${EMAILS_EXPECTED} emails with an invoice; got: ${emails.map((e) => e.subject).join(', ')}`);

  const attachment = invoiceEmail.attachments[0]!;
  const pdfFile = join(work, 'invoice.pdf');
  writeFileSync(pdfFile, await attachmentOf(local.mailboxUrl, invoiceEmail.id, attachment.generatedFileName));
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfFile, join(IMAGES, 'invoice')]);

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await tab.goto(local.mailboxUrl);
    await tab.getByText(invoiceEmail.subject).first().click();
    await tab.getByText(attachment.filename).first().waitFor();
    await sleep(500);
    await tab.screenshot({ path: join(IMAGES, 'mailbox.png') });
  } finally {
    await browser.close();
  }
  console.log(`Wrote docs/images/invoice.png and docs/images/mailbox.png (order ${orderId}).`);
} finally {
  rmSync(work, { recursive: true, force: true });
  await stack.stop();
}
