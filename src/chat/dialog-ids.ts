/**
 * Id of the handoff dialog. The main router and the cancel-and-help base both start it while the
 * handoff dialog itself extends that base, so the id lives apart from all three (no import cycle).
 */
export const HANDOFF_DIALOG = 'handoffDialog';
