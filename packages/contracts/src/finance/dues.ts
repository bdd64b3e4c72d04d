// Finance dues schemas: requests, responses.
export {};
