/** Id of the handoff dialog, shared by the dialogs that start it (kept apart to avoid an import cycle). */
export const HANDOFF_DIALOG = 'handoffDialog';
