/** How urgently a complaint needs a human, least urgent first (the order is significant). */
export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
