/** Tag colours of case statuses (shared by the list and the card). */
export const statusColour: Record<string, string> = { submitted: 'orange', accepted: 'gold', dispatched: 'blue', in_progress: 'geekblue', reported_back: 'purple', verified: 'cyan', followed_up: 'lime', closed: 'green', rejected: 'default', redirected: 'default', merged: 'default' };
