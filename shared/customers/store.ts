import { Service } from 'electrodb';
import { documentClient, tableName } from '../db/client.js';
import { CustomerContact } from '../db/entities/customer-contact.js';
import { CustomerGroup } from '../db/entities/customer-group.js';
import { CustomerSearchKey } from '../db/entities/customer-search-key.js';
import { Customer } from '../db/entities/customer.js';
import { RegistrationNumberLock } from '../db/entities/registration-number-lock.js';

/** The entities the customer transactions write or check. */
const makeStore = () =>
  new Service(
    {
      customer: Customer,
      customerSearchKey: CustomerSearchKey,
      registrationNumberLock: RegistrationNumberLock,
      customerContact: CustomerContact,
      customerGroup: CustomerGroup,
    },
    { client: documentClient, table: tableName },
  );
/** Built on first use: constructing a Service at import time costs cold-start time on every Lambda that imports this module. */
let store: ReturnType<typeof makeStore> | undefined;
export const getStore = () => (store ??= makeStore());
