import fs from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '..', '..');
// Slack's published manifest schema (MIT, see the LICENSE file beside it).
const SCHEMA_PATH = path.join(ROOT, 'test', 'fixtures', 'slack-app-manifest.schema.v1.json');
const manifest = parse(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8'));

describe('manifest.yml', () => {
  it('validates against the Slack manifest schema', () => {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'));
    delete schema.$schema;
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('uri', /^https?:\/\//);
    const validate = ajv.compile(schema);

    const valid = validate(manifest);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('turns Socket Mode and interactivity on', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('declares the /cen-verify command', () => {
    expect(manifest.features.slash_commands.map((command: { command: string }) => command.command)).toEqual(['/cen-verify']);
  });

  it('asks only for the bot scopes the app uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['chat:write', 'commands', 'im:write', 'usergroups:read']);
  });
});
