/** Every key of the finance table is built here. */
export const unitProfileKey = (unitId: string) => ({ pk: `UNIT#${unitId}`, sk: 'PROFILE' });
/** gsi1: profiles by tax ID, which bank-statement matching looks up. */
export const taxIdIndex = (taxId: string, unitId: string) => ({ gsi1pk: `TAXID#${taxId}`, gsi1sk: `UNIT#${unitId}` });
