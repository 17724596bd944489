// The consent tests' chat: the first three fake customers, each mapped from an organization of the same name.
import { CUSTOMERS } from '../../../fakes/fakeCustomers.js';
import { testConversation, type TestConversation } from '../../../fakes/testConversation.js';

/** A chat where each of CUSTOMERS[0..n] is mapped from an organization of the same name. */
export async function mappedChat(
  options: Parameters<typeof testConversation>[0] = {},
): Promise<TestConversation> {
  const conversation = await testConversation(options);
  await conversation.store.update((data) => {
    CUSTOMERS.slice(0, 3).forEach((customer, i) => {
      const id = `org-${i}`;
      data.organizations[id] = { id, name: customer.displayName, createdAt: '', updatedAt: '' };
      data.mappings[`m-${i}`] = {
        id: `m-${i}`,
        organizationId: id,
        customerTenantId: customer.tenantId,
        createdAt: '',
        createdBy: '',
      };
    });
    data.mappingRevision += 1;
  });
  return conversation;
}
