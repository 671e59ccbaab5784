import { describe, expect, it, vi } from 'vitest';
import {
  itRequiresEach,
  loadConfigAsOnAws,
  restoreEnvironmentAfterEach,
} from '../../../support/backend-services/serviceConfig.ts';

const REQUIRED = {
  AWS_REGION: 'eu-west-1',
  ORDERS_TABLE: 'orders-abc',
  SENT_EMAILS_TABLE: 'sent-emails-abc',
  NOTIFICATION_PREFERENCES_TABLE: 'preferences-abc',
  INVOICES_BUCKET: 'invoices-abc',
  MAIL_FROM: 'Shop <orders@shop.example>',
  SHOP_NAME: 'Shop',
  SHOP_URL: 'https://shop.example',
  SHOP_CURRENCY: 'EUR',
};
const load = () => import('../../../../backend-services/notifications/config.ts');

describe('notifications config', () => {
  restoreEnvironmentAfterEach();
  itRequiresEach(REQUIRED, load);

  it('sends through SES on AWS (no SMTP, no local endpoints), with the alert topics it is given', async () => {
    const config = await loadConfigAsOnAws(load, {
      ...REQUIRED,
      ORDER_ALERTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:shop-order-alerts',
    });
    expect(config).toMatchObject({
      smtp: undefined,
      localS3: undefined,
      dynamodbEndpoint: undefined,
      mailFrom: REQUIRED.MAIL_FROM,
    });
    expect(config.alerts).toEqual({
      region: 'eu-west-1',
      snsEndpoint: undefined,
      topicArns: { 'order-alerts': 'arn:aws:sns:eu-west-1:123456789012:shop-order-alerts', 'order-errors': undefined },
    });
  });

  it('sends to the local mailbox when SMTP_HOST is set, and refuses it without a port', async () => {
    const loadLocally = async (env: Record<string, string>) => {
      Object.assign(process.env, REQUIRED, env);
      vi.resetModules();
      return (await load()).config;
    };
    expect((await loadLocally({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '4025' })).smtp).toEqual({ host: '127.0.0.1', port: 4025 });
    delete process.env.SMTP_PORT;
    await expect(loadLocally({ SMTP_HOST: '127.0.0.1' })).rejects.toThrow(/SMTP_PORT must be its TCP port/);
  });
});
