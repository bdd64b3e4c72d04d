import { vi } from 'vitest';

/** Captures what Powertools Logger writes: JSON lines on stdout (info) and stderr (error) through its own Console. */
export function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    raw.push(text);
    for (const line of text.split('\n').filter((l) => l.trim().startsWith('{'))) lines.push(JSON.parse(line));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return {
    lines,
    text: () => raw.join(''),
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}
