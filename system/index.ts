// The one declaration of the system, as one value: what the local stack runs and the CDK app
// deploys. Tests may extend it with fixtures of their own.
import { ALERT_TOPICS } from './alerts.ts';
import { API_LIMITS, AUTH_MODES, DATA_SOURCES, FUNCTIONS, RESOLVERS } from './api.ts';
import { EVENT_BUS_NAME, EVENT_RULES, SCHEDULES } from './events.ts';
import { SERVICE_RESOURCES } from './serviceResources.ts';
import { SERVICES } from './services.ts';
import { TABLES } from './tables.ts';
import { TIMEOUTS } from './timeouts.ts';

export const SYSTEM = {
  tables: TABLES,
  authModes: AUTH_MODES,
  apiLimits: API_LIMITS,
  dataSources: DATA_SOURCES,
  functions: FUNCTIONS,
  resolvers: RESOLVERS,
  services: SERVICES,
  serviceResources: SERVICE_RESOURCES,
  eventBusName: EVENT_BUS_NAME,
  eventRules: EVENT_RULES,
  schedules: SCHEDULES,
  alertTopics: ALERT_TOPICS,
  timeouts: TIMEOUTS,
};

export type SystemDeclaration = typeof SYSTEM;
