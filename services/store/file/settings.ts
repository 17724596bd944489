// Integration settings: read, saved whole and at once, every change written to the audit log.
import type { SettingsStore } from '../../settings/settingsStore.js';
import type { AppStore } from '../appStore.js';
import type { AuditEntry } from '../storeData.js';
import type { IntegrationSettings } from '../../settings/integrationSettings.js';

const REDACTED = '[secret]';

export class FileSettingsStore implements SettingsStore {
  constructor(
    private readonly store: AppStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(): IntegrationSettings | undefined {
    return this.store.data.settings;
  }

  /** Replaces the settings in one atomic write, together with the audit entry that describes it. */
  async save(next: IntegrationSettings, by: string, action = 'setup'): Promise<void> {
    await this.store.update((data) => {
      const changes = diff(flatten(data.settings), flatten(next));
      data.settings = structuredClone(next);
      data.audit.push({ at: this.now().toISOString(), by, action, changes });
    });
  }

  /** Forgets the authorized account (sign-out); the rest of the setup stays. */
  async clearAuthorization(by: string): Promise<void> {
    await this.store.update((data) => {
      if (!data.settings) return;
      const before = data.settings.authorizedAccount.upn;
      data.settings = {
        ...data.settings,
        authorizedAccount: { ...data.settings.authorizedAccount, homeAccountId: '' },
      };
      data.audit.push({
        at: this.now().toISOString(),
        by,
        action: 'signout',
        changes: [{ field: 'authorizedAccount', before, after: null }],
      });
    });
  }

  audit(): readonly AuditEntry[] {
    return this.store.data.audit;
  }
}

type Flat = Record<string, unknown>;

/** Flattens settings to dotted fields; sealed secrets become a marker that only says whether one changed. */
function flatten(settings: IntegrationSettings | undefined): Flat {
  const flat: Flat = {};
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if ('iv' in value && 'tag' in value && 'data' in value) {
        flat[path] = `${REDACTED}:${(value as { data: string }).data.slice(0, 8)}`;
        return;
      }
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    } else flat[path] = value;
  };
  walk(settings ?? {}, '');
  delete flat.updatedAt;
  return flat;
}

function diff(before: Flat, after: Flat): AuditEntry['changes'] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: AuditEntry['changes'] = [];
  for (const field of [...fields].sort()) {
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    const secret = [before[field], after[field]].some((v) => typeof v === 'string' && v.startsWith(REDACTED));
    changes.push({
      field,
      before: secret ? (before[field] === undefined ? null : REDACTED) : (before[field] ?? null),
      after: secret ? (after[field] === undefined ? null : REDACTED) : (after[field] ?? null),
    });
  }
  return changes;
}
