// A customer's choice of emails: written by the API (updateNotificationPreferences), read by the
// API (getNotificationPreferences) and by the notifications service, each through this default.

export interface NotificationPreferences {
  /** The status emails (on its way, delivered, cancelled, a problem): on unless turned off. */
  readonly orderUpdates: boolean;
}

/** A customer who never changed their preferences gets every email. */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = { orderUpdates: true };
