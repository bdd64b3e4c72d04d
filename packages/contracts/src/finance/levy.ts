// Finance levy schemas: requests, responses.
export {};
