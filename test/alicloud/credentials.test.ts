import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Credential from '@alicloud/credentials';

import { EcdClient } from '../../src/alicloud/client';
import { createLogger } from '../../src/logger';
import { EcdSimulator } from '../../src/simulators/ecd';

const CEN = { cenId: 'cen-credentialtest', ownerId: '1234567890123456' };
const log = createLogger('error');
const CHAIN_VARIABLES = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  'ALIBABA_CLOUD_CREDENTIALS_FILE',
  'ALIBABA_CLOUD_PROFILE',
  'ALIBABA_CLOUD_ROLE_ARN',
  'ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
  'ALIBABA_CLOUD_OIDC_TOKEN_FILE',
  'ALIBABA_CLOUD_ECS_METADATA',
  'ALIBABA_CLOUD_CREDENTIALS_URI',
];

describe('the default credential chain', () => {
  const ecd = new EcdSimulator();
  const saved = { ...process.env };
  let directory: string;

  beforeAll(async () => {
    await ecd.start();
    ecd.addCen(CEN);
  });

  afterAll(async () => {
    await ecd.stop();
  });

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cen-verify-credentials-'));
    for (const variable of CHAIN_VARIABLES) delete process.env[variable];
    // Keep the chain on this machine: no instance metadata service, no CLI profile of the user running the tests.
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
    process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = 'true';
    process.env.HOME = directory;
  });

  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(directory, { recursive: true, force: true });
  });

  async function sendWithDefaultChain() {
    const client = new EcdClient({ endpoint: { protocol: 'http', host: ecd.host }, timeoutMs: 2_000, credential: new Credential() });
    await client.sendVerifyCode({ regionId: 'cn-hangzhou', cenId: CEN.cenId, cenOwnerId: CEN.ownerId }, log);
    return ecd.calls()[ecd.calls().length - 1];
  }

  it('signs with access keys from the environment', async () => {
    ecd.addAccessKey('LTAI5tEnvironmentKey', 'environment-secret');
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAI5tEnvironmentKey';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'environment-secret';

    const call = await sendWithDefaultChain();

    expect(call.signatureValid).toBe(true);
    expect(call.accessKeyId).toBe('LTAI5tEnvironmentKey');
  });

  it('signs with an STS token from the environment', async () => {
    ecd.addAccessKey('STS.EnvironmentKey', 'sts-secret', 'sts-security-token');
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'STS.EnvironmentKey';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'sts-secret';
    process.env.ALIBABA_CLOUD_SECURITY_TOKEN = 'sts-security-token';

    const call = await sendWithDefaultChain();

    expect(call.signatureValid).toBe(true);
    expect(call.securityToken).toBe('sts-security-token');
  });

  it('signs with access keys from a credentials file', async () => {
    ecd.addAccessKey('LTAI5tProfileKey', 'profile-secret');
    const file = path.join(directory, 'credentials');
    fs.writeFileSync(file, '[default]\ntype = access_key\naccess_key_id = LTAI5tProfileKey\naccess_key_secret = profile-secret\n');
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;

    const call = await sendWithDefaultChain();

    expect(call.signatureValid).toBe(true);
    expect(call.accessKeyId).toBe('LTAI5tProfileKey');
  });
});
