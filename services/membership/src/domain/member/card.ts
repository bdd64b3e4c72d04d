/** Card numbers: the admission year and its sequence, six digits (2026000123). */
export const cardNumberFor = (year: number, sequence: number): string => `${year}${String(sequence).padStart(6, '0')}`;
