// Security group paths: ids Graph hands back go into later URLs encoded, whatever characters they hold.
import assert from 'node:assert/strict';
import { Client, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { GraphCalls } from '../../../../services/gdap/graphCalls.js';
import { ensureSecurityGroups } from '../../../../services/gdap/securityGroups.js';

const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

// The last link of the Graph client's chain: records each request and answers as Graph would.
class RecordingGraph implements Middleware {
  readonly requests: { method: string; url: string; body: unknown }[] = [];

  constructor(private readonly groupId: string) {}

  async execute(context: Context): Promise<void> {
    const method = context.options?.method ?? 'GET';
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const body = typeof context.options?.body === 'string' ? JSON.parse(context.options.body) : undefined;
    this.requests.push({ method, url, body });
    context.response =
      method === 'GET'
        ? Response.json({
            value: [{ id: this.groupId, displayName: 'GDAP - User Administrator', securityEnabled: true }],
          })
        : new Response(null, { status: 204 });
  }

  setNext(): void {}
}

describe('ensureSecurityGroups', () => {
  it('encodes the group id and the member id it puts in a members/$ref request', async () => {
    const oddId = 'group id/with?odd#chars';
    const graph = new RecordingGraph(oddId);
    const client = Client.initWithMiddleware({ middleware: graph, baseUrl: 'https://graph.microsoft.com/' });
    const member = 'member/1';

    const groups = await ensureSecurityGroups(new GraphCalls(client), 'GDAP', [USER_ADMINISTRATOR], member);

    assert.deepEqual(
      groups.map((group) => group.id),
      [oddId],
    );
    const add = graph.requests.find((request) => request.method === 'POST');
    assert.equal(
      add?.url,
      'https://graph.microsoft.com/v1.0/groups/group%20id%2Fwith%3Fodd%23chars/members/$ref',
    );
    assert.deepEqual(add?.body, {
      '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/member%2F1',
    });
  });
});
