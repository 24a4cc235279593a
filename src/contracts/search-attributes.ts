/** Custom search attributes the app sets on initiative workflows; the launcher registers them at start-up. */
import { defineSearchAttributeKey } from '@temporalio/common';

/** Stage of the case (one of STAGES). */
export const stageKey = defineSearchAttributeKey('InitiativeStage', 'KEYWORD');
/** Overall status of the case (OPEN or a terminal state). */
export const statusKey = defineSearchAttributeKey('InitiativeStatus', 'KEYWORD');
/** The unit that filed the case. */
export const unitKey = defineSearchAttributeKey('InitiativeUnit', 'KEYWORD');

/** Every custom search attribute of the app, for registration on the server. */
export const CUSTOM_SEARCH_ATTRIBUTES = [stageKey, statusKey, unitKey] as const;
