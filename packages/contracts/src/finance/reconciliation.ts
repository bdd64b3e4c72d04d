// Finance reconciliation schemas: requests, responses.
export {};
