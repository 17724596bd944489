// The troubleshoot card: each check as ✓, ✗ or skipped with its fix, a client picker, and buttons that open the fixes.
import template from './templates/troubleshoot.json' with { type: 'json' };
import { expandCard, type CardAttachment } from './cardAttachment.js';
import type { Choice } from './mappingCards.js';
import type { ActionButton } from './noticeCard.js';

export type CheckMark = 'passed' | 'failed' | 'skipped';

export interface TroubleshootCheckRow {
  mark: CheckMark;
  title: string;
  detail: string;
  fix?: string;
}

export interface TroubleshootCardData {
  title: string;
  summary: string;
  allPassed: boolean;
  sections: { heading: string; checks: TroubleshootCheckRow[] }[];
  /** Shown when no client was named: pick one (type-ahead past Teams' 15 entries) to check it. */
  picker?: { organizationChoices: Choice[]; organizationsDynamic: boolean };
  /** Said where the picker goes, e.g. why there is none. */
  pickerNote?: string;
  buttons: ActionButton[];
}

const MARKS: Record<CheckMark, { mark: string; color: string }> = {
  passed: { mark: '✓', color: 'Good' },
  failed: { mark: '✗', color: 'Attention' },
  skipped: { mark: '–', color: 'Default' },
};

export function troubleshootCard(data: TroubleshootCardData): CardAttachment {
  return expandCard(template, {
    title: data.title,
    summary: data.summary,
    summaryColor: data.allPassed ? 'Good' : 'Attention',
    sections: data.sections.map((section) => ({
      heading: section.heading,
      checks: section.checks.map((check) => ({ ...check, ...MARKS[check.mark], fix: check.fix ?? '' })),
    })),
    picker: Boolean(data.picker),
    organizationsDynamic: data.picker?.organizationsDynamic ?? false,
    organizationChoices: data.picker?.organizationChoices ?? [],
    pickerNote: data.pickerNote ?? '',
    buttons: data.buttons,
  });
}
