import { describe, expectTypeOf, it } from 'vitest';
import type { customersJson } from '../../src/http/admin-api/customers.json.ts';
import type {
  CustomerHealthItemJson,
  CustomerProfileJson,
} from '../../src/http/admin-console/assets/customers-api.types.d.ts';

// The customer pages are plain JavaScript typed from customers-api.types.d.ts. These checks run in
// `tsc --noEmit -p .`: they fail when the JSON the pages read stops matching what their types promise.
describe('the customer health JSON the admin pages are typed against', () => {
  it('gives the pages everything they read from GET /api/admin/customers and GET /api/admin/customers/:id', () => {
    expectTypeOf<ReturnType<typeof customersJson.listItem>>().toExtend<CustomerHealthItemJson>();
    expectTypeOf<ReturnType<typeof customersJson.profile>>().toExtend<CustomerProfileJson>();
  });
});
