// Finance ledger schemas: requests, responses.
export {};
