import { monthDayAt, stationedGroupName } from './format.ts';

/**
 * The first sentence of a typical case (附件3 暗访核查典型案例模板):
 *
 *   X月X日，驻XX市暗访核查组执法人员XXX、XXX，在执法检查时发现XXXX公司涉嫌存在XXXXXX环境违法行为。
 *
 * filled from data, and its public (公开曝光) variant, which leaves the inspectors' names out:
 * the inspected city must never learn who inspected it.
 */
export interface TypicalCaseHeader {
  /** When the violation was found (the inspection's start); its Shanghai date is printed. */
  foundAt: Date;
  /** The stationed city, "郑州" or "郑州市". */
  stationedCity: string;
  /** The team's two inspectors, in the order they are printed. */
  inspectorNames: readonly string[];
  /** The company or site, as it should be printed. */
  companyName: string;
  /** The suspected violation, e.g. "未落实重污染天气应急减排措施". */
  violation: string;
}

/**
 * The violation phrase as it fits between 涉嫌存在 and 环境违法行为. People often type the whole
 * phrase ("存在未批先建的环境违法行为。"); the template's own words are stripped so they are
 * never printed twice.
 */
export function violationPhrase(violation: string): string {
  return violation
    .trim()
    .replace(/[。．.，,；;！!\s]+$/u, '')
    .replace(/^(涉嫌)?存在/u, '')
    .replace(/(的)?((环境)?违法)?行为$/u, '')
    .trim();
}

function inspectorsLabel(names: readonly string[]): string {
  return names
    .map((n) => n.trim())
    .filter((n) => n !== '')
    .join('、');
}

/** The template's opening sentence, with the inspectors' names (for the province's mailbox). */
export function typicalCaseOpening(header: TypicalCaseHeader): string {
  return (
    `${monthDayAt(header.foundAt)}，${stationedGroupName(header.stationedCity)}执法人员` +
    `${inspectorsLabel(header.inspectorNames)}，在执法检查时发现${header.companyName.trim()}` +
    `涉嫌存在${violationPhrase(header.violation)}环境违法行为。`
  );
}

/** The opening for public exposure (公开曝光): the same sentence without the inspectors' names. */
export function typicalCasePublicOpening(header: Omit<TypicalCaseHeader, 'inspectorNames'>): string {
  return (
    `${monthDayAt(header.foundAt)}，${stationedGroupName(header.stationedCity)}执法人员` +
    `在执法检查时发现${header.companyName.trim()}涉嫌存在${violationPhrase(header.violation)}环境违法行为。`
  );
}
