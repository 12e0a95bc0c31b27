import { z } from 'zod';
import { DEFAULT_DESIGNATION_DAYS } from './contacts.ts';
import { DEFAULT_ANSWER_DAYS } from './deadlines.ts';
import { DEFAULT_EVENT_REPORT_DAYS } from './events.ts';

/**
 * Settings an administrator changes at run time (kept in the database, shared by every
 * instance). Where the law leaves a number open, it is a setting with the default given here.
 */
export const SettingsSchema = z.object({
  sessionIdleMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  sessionAbsoluteHours: z
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  loginMaxFailures: z.number().int().min(3).max(20).default(5),
  loginLockMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** O-3.1: days to designate contact persons after the Order or the office's authorization. */
  contactDesignationDays: z.number().int().min(1).max(90).default(DEFAULT_DESIGNATION_DAYS),
  /** days the requested office has to answer, counted from receipt. */
  answerDays: z.number().int().min(1).max(365).default(DEFAULT_ANSWER_DAYS),
  /** O-3.5: days after an event ends by which the office reports on it. */
  eventReportDays: z.number().int().min(1).max(90).default(DEFAULT_EVENT_REPORT_DAYS),
  /** Largest attachment accepted, in megabytes. */
  attachmentMaxMb: z.number().int().min(1).max(200).default(25),
  /** Years after a contact's designation ended before its personal data is erased. */
  personalDataRetentionYears: z.number().int().min(1).max(75).default(5),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as (keyof Settings)[];
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export const UpdateSettingsBody = SettingsSchema.partial();

/** Files one upload may carry (a browser's choice of several files goes up in one request). */
export const ATTACHMENT_MAX_FILES = 10;

/** What the web checks before an upload, so a too large file is refused before it travels. */
export const UploadLimits = z.object({ attachmentMaxMb: z.number().int(), maxFiles: z.number().int() });
export type UploadLimits = z.infer<typeof UploadLimits>;
