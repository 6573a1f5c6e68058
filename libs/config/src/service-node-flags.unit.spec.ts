import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_NODE_FLAGS } from './service-node-flags';

const ROOT = join(__dirname, '../../..');
const SERVICES = ['ingest', 'enrich', 'project', 'alert', 'api', 'feeds'];
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The launchers are text, not code, so they are checked against the one list of flags. */
describe('SERVICE_NODE_FLAGS in every launcher of the services', () => {
  it('package.json starts every service with them', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const service of SERVICES) {
      expect(scripts[`start:${service}`]).toBe(['node', ...SERVICE_NODE_FLAGS, `dist/apps/${service}/src/main.js`].join(' '));
    }
  });

  it('docker-compose.yml runs every service with them', () => {
    const compose = read('docker-compose.yml');
    for (const service of SERVICES) {
      const command = JSON.stringify(['node', ...SERVICE_NODE_FLAGS, `dist/apps/${service}/src/main.js`]).replace(/,/g, ', ');
      expect(compose).toContain(`command: ${command}`);
    }
  });

  it('the demo script starts every service with them', () => {
    expect(read('scripts/demo.sh')).toContain(`nohup node ${SERVICE_NODE_FLAGS.join(' ')} "dist/apps/$service/src/main.js"`);
  });
});
