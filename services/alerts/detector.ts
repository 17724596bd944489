// What the alert detector is told besides the data: the roles, app and scopes a working customer has, and the
// thresholds. The plain one-pass detector the kept one is checked against is test code: test/reference/detector.ts.
import type { AccessRuleOptions } from './accessRules.js';

export type DetectorOptions = AccessRuleOptions;
