// The settings of the gate: which tenants and which Bot Framework hosts, checked at start like
// every other setting (a bad value stops the bot with a message naming it).
import { ConfigError, loadConfig } from '../../src/config';
import { MICROSOFT_SERVICE_URL_HOSTS } from '../../src/teams/serviceUrls';

const production = {
  BOT_ID: '8a6c1c3e-2f4b-4b8e-9d1a-0c6f2b7e5a11',
  BOT_PASSWORD: 'secret',
  BOT_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('tenant and service host settings', () => {
  test("by default only Microsoft's Teams Bot Framework hosts may be called", () => {
    expect(loadConfig(production).BOT_SERVICE_URL_HOSTS).toEqual([...MICROSOFT_SERVICE_URL_HOSTS]);
    expect(MICROSOFT_SERVICE_URL_HOSTS).toContain('smba.trafficmanager.net');
  });

  test('BOT_SERVICE_URL_HOSTS replaces the list (sovereign clouds, tests); host names only', () => {
    expect(loadConfig({ ...production, BOT_SERVICE_URL_HOSTS: 'Bots.Example.Gov, 127.0.0.1' }).BOT_SERVICE_URL_HOSTS).toEqual(['bots.example.gov', '127.0.0.1']);
    for (const bad of ['https://smba.trafficmanager.net', 'smba.trafficmanager.net/uk', '*.example.com', 'a b', 'host,,other']) {
      expect(problems({ ...production, BOT_SERVICE_URL_HOSTS: bad }).join('\n')).toContain('BOT_SERVICE_URL_HOSTS');
    }
  });

  test('ALLOWED_TENANT_IDS is a list of tenant GUIDs', () => {
    expect(loadConfig({ ...production, ALLOWED_TENANT_IDS: '0B5E8C8E-1111-4A4A-9C9C-123456789ABC, 72f988bf-86f1-41af-91ab-2d7cd011db47' }).ALLOWED_TENANT_IDS).toEqual([
      '0b5e8c8e-1111-4a4a-9c9c-123456789abc',
      '72f988bf-86f1-41af-91ab-2d7cd011db47',
    ]);
    expect(problems({ ...production, ALLOWED_TENANT_IDS: 'contoso.onmicrosoft.com' }).join('\n')).toContain(
      'ALLOWED_TENANT_IDS: expected a comma-separated list of Microsoft Entra tenant IDs',
    );
  });

  test('a multi-tenant bot must say which tenants it serves', () => {
    const multi = { BOT_ID: production.BOT_ID, BOT_PASSWORD: 'secret', BOT_TYPE: 'MultiTenant' };
    expect(problems(multi).join('\n')).toContain('ALLOWED_TENANT_IDS: expected the tenants whose users may use the bot');
    expect(problems({ ...multi, ALLOWED_TENANT_IDS: production.BOT_TENANT_ID })).toEqual([]);
  });
});
