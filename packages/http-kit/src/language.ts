/** The languages problems and messages are written in. Vietnamese unless the caller prefers English. */
export type Lang = 'vi' | 'en';

/**
 * Picks vi or en from an `Accept-Language` header by q-value (RFC 9110 §12.5.4).
 * Ranges are taken best first; the first that is Vietnamese or English wins,
 * `q=0` excludes a range, and anything unparseable or absent means Vietnamese.
 */
export function preferredLanguage(header: string | undefined): Lang {
  if (!header) return 'vi';
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      let q = 1;
      for (const param of params) {
        const [name, value] = param.trim().split('=');
        if (name?.trim().toLowerCase() === 'q') {
          const parsed = Number(value?.trim());
          q = Number.isFinite(parsed) && value?.trim() !== '' ? parsed : 0;
        }
      }
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    if (range.primary === 'vi' || range.primary === 'en') return range.primary;
  }
  return 'vi';
}
