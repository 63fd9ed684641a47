/** Tag colours of a household's risk level. */
export const riskColour: Record<string, string> = { normal: 'default', attention: 'orange', key: 'red' };
