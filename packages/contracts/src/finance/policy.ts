// Finance policy schemas: requests, responses.
export {};
