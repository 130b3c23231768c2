// The client against the gateway's checked-in OpenAPI document and wx.request's limits.
import * as fs from 'fs';
import * as path from 'path';
import { Http } from '../app/api/http';
import { DOCUMENTED_PROBLEM_CODES, messageForProblem } from '../app/api/shopper-messages';
import type { ProblemCode } from '../app/api/gateway-types';
import { FakeWx } from './support/fake-wx';
import { until } from './support/pages';

const OPENAPI = path.join(__dirname, '..', '..', '..', 'gateway-service', 'openapi.json');

describe('the gateway client', () => {
  it('has a shopper message for every problem code the gateway documents', () => {
    const document = JSON.parse(fs.readFileSync(OPENAPI, 'utf8'));
    const documented: string[] = document.components.schemas.Problem.properties.code.enum;
    expect([...DOCUMENTED_PROBLEM_CODES].sort()).toEqual([...documented].sort());
    const generic = messageForProblem({ status: 500 });
    for (const code of documented) {
      const message = messageForProblem({ code: code as ProblemCode });
      expect(message).not.toBe(generic);
      expect(message).not.toMatch(/[A-Z]{2,}_[A-Z]/); // no code names in front of shoppers
    }
  });

  it('keeps at most 10 requests in flight and queues the rest', async () => {
    const wx = new FakeWx();
    const http = new Http(wx);
    const calls = Array.from({ length: 15 }, (_, i) => http.send({ method: 'GET', url: `https://gateway.test/${i}`, timeoutMs: 1000 }));
    await until(() => wx.inFlight === 10, '10 in flight');
    expect(wx.requests).toHaveLength(10);
    for (let answered = 0; answered < 15; answered++) {
      (await wx.nextRequest()).answer(200, {});
    }
    await Promise.all(calls);
    expect(wx.maxInFlight).toBe(10);
  });

  it('refuses a timeout wx.request would never honour', () => {
    const http = new Http(new FakeWx());
    expect(() => http.send({ method: 'GET', url: 'https://gateway.test/', timeoutMs: 60000 })).toThrow(/outside/);
  });
});
