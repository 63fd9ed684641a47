/** Colours of dispute statuses (the workbench list and the card) and of room modes. */
export const disputeStatusColour: Record<string, string> = {
  registered: 'orange', assigned: 'gold', mediating: 'blue', agreed: 'green', failed: 'volcano', referred: 'purple', refused: 'default', closed: 'cyan',
};

/** Languages a mediator may speak, as BCP 47 codes (the strings say each in words); others are shown as they are. */
export const mediatorLanguages = ['zh', 'bo', 'mn', 'ug', 'ii', 'za', 'ko', 'kk', 'en'] as const;
