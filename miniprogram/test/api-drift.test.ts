// The promise of generated types: when the gateway's OpenAPI document changes under the client, the
// Mini Program no longer compiles. Each case copies the app, generates types from a changed document
// and runs the same tsc the build runs.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const PROJECT = path.join(__dirname, '..', '..');
const OPENAPI = path.join(PROJECT, '..', 'gateway-service', 'openapi.json');
const bin = (tool: string) => path.join(PROJECT, 'node_modules', '.bin', tool);

function compileAgainst(change: (document: any) => void): { ok: boolean; output: string } {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'api-drift-'));
  try {
    fs.cpSync(path.join(PROJECT, 'app'), path.join(copy, 'app'), { recursive: true });
    fs.copyFileSync(path.join(PROJECT, 'tsconfig.json'), path.join(copy, 'tsconfig.json'));
    fs.symlinkSync(path.join(PROJECT, 'node_modules'), path.join(copy, 'node_modules'));
    const document = JSON.parse(fs.readFileSync(OPENAPI, 'utf8'));
    change(document);
    fs.writeFileSync(path.join(copy, 'openapi.json'), JSON.stringify(document));
    execFileSync(bin('openapi-typescript'), ['openapi.json', '--output', 'typings/gateway-api.d.ts'], { cwd: copy, stdio: 'pipe' });
    try {
      execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: copy, stdio: 'pipe' });
      return { ok: true, output: '' };
    } catch (e) {
      return { ok: false, output: String((e as { stdout: Buffer }).stdout) };
    }
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

describe('API drift', () => {
  jest.setTimeout(60000);

  it('compiles against the document as checked in', () => {
    expect(compileAgainst(() => undefined)).toEqual({ ok: true, output: '' });
  });

  it('fails to compile when the pay values lose `package`', () => {
    const result = compileAgainst(document => {
      const pay = document.components.schemas.PayParameters.properties;
      pay.prepayPackage = pay.package;
      delete pay.package;
    });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/pay-sheet\.ts.*'package'/);
  });

  it('fails to compile when the gateway documents a problem code without a shopper message', () => {
    const result = compileAgainst(document => {
      document.components.schemas.Problem.properties.code.enum.push('PAYMENT_PAUSED');
    });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/shopper-messages\.ts.*PAYMENT_PAUSED/s);
  });
});
