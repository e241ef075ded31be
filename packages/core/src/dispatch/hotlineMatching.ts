/**
 * Repeated 12369 clues. A new clue may repeat an earlier clue (the same ticket number, or the
 * same county and a similar place or content) or point at a site already in the registry
 * (similar name or address in the same county): such clues are proposed for merging, never
 * merged silently. Clues about one place are grouped into hotspots (重复举报热点), most repeated
 * first. Places and names are compared as in the ledger matching.
 */
import {
  createNameNormalizer,
  industryFamiliesIn,
  NAME_MATCH_THRESHOLD,
  nameMatchScore,
  type PreparedName,
} from './enterpriseName.ts';
import {
  addressSimilarity,
  foldPlaceNames,
  type PreparedAddress,
  prepareAddress,
  SAME_PLACE_THRESHOLD,
} from './places.ts';
import { type Bigrams, bigramsOf, charLength, diceOfBigrams, foldText } from './text.ts';

export interface HotlineClueRef {
  id: string;
  number: string;
  countyCode: string;
  place: string;
  content: string;
  receivedAt: Date | string;
}

export interface SiteRef {
  id: string;
  name: string;
  address?: string | null;
  countyCode: string;
}

export interface DuplicateProposal {
  kind: 'clue' | 'site';
  id: string;
  /** 0–1; 1 for the same ticket number. */
  score: number;
  reason: string;
}

/** Two contents at least this alike (character bigrams) are the same complaint written twice. */
export const SIMILAR_CONTENT_THRESHOLD = 0.6;
/** A site's trade name found in the clue's text (with its industry, when it names one). */
const NAME_IN_TEXT_SCORE = 0.8;

interface PreparedClue {
  clue: HotlineClueRef;
  number: string;
  place: PreparedAddress | null;
  content: Bigrams;
}

interface PreparedSite {
  site: SiteRef;
  name: PreparedName;
  address: PreparedAddress | null;
}

/** Existing clues and sites prepared once for duplicate checks. */
export interface DuplicateIndex {
  readonly clues: readonly PreparedClue[];
  readonly sites: readonly PreparedSite[];
  readonly knownPlaces: readonly string[];
  readonly normalizeName: (raw: string) => PreparedName;
}

function prepareClue(clue: HotlineClueRef, knownPlaces: readonly string[]): PreparedClue {
  return {
    clue,
    number: foldText(clue.number),
    place: prepareAddress(clue.place, knownPlaces),
    content: bigramsOf(foldText(clue.content)),
  };
}

/** Prepares the existing clues and sites (of a city, typically); `knownPlaces` as for the ledger. */
export function prepareDuplicateIndex(
  clues: readonly HotlineClueRef[],
  sites: readonly SiteRef[],
  options: { knownPlaces?: readonly string[] } = {},
): DuplicateIndex {
  const knownPlaces = foldPlaceNames(options.knownPlaces ?? []);
  const normalizeName = createNameNormalizer(knownPlaces);
  return {
    clues: clues.map((c) => prepareClue(c, knownPlaces)),
    sites: sites.map((site) => ({
      site,
      name: normalizeName(site.name),
      address: prepareAddress(site.address, knownPlaces),
    })),
    knownPlaces,
    normalizeName,
  };
}

/** What a new clue is compared with sites by, computed once per clue. */
interface SiteProbe {
  place: PreparedAddress | null;
  placeAsName: PreparedName;
  text: string;
  textFamilies: string[];
}

function siteProposal(probe: SiteProbe, s: PreparedSite): DuplicateProposal | null {
  const byName = nameMatchScore(probe.placeAsName, s.name);
  const byAddress = addressSimilarity(probe.place, s.address) ?? 0;
  const trade = s.name.trade;
  const families = s.name.families;
  const namedInText =
    !s.name.placeholder &&
    charLength(trade) >= (families.length ? 2 : 3) &&
    probe.text.includes(trade) &&
    (families.length === 0 || probe.textFamilies.some((f) => families.includes(f)));
  const options: [number, string][] = [
    [byName >= NAME_MATCH_THRESHOLD ? byName : 0, `同一区县，被举报地点与点位“${s.site.name}”名称相近`],
    [byAddress >= SAME_PLACE_THRESHOLD ? byAddress : 0, `同一区县，被举报地点与点位“${s.site.name}”地址相近`],
    [namedInText ? NAME_IN_TEXT_SCORE : 0, `线索中提到点位“${s.site.name}”`],
  ];
  const [score, reason] = options.reduce((a, b) => (b[0] > a[0] ? b : a));
  return score > 0 ? { kind: 'site', id: s.site.id, score, reason } : null;
}

/**
 * The earlier clues and the sites a new clue may duplicate, best first: the same ticket number
 * (score 1); same county and a similar place (≥ 0.6) or content (≥ 0.6); a site of the county
 * whose name or address is similar, or whose name the clue mentions.
 */
export function findHotlineDuplicates(index: DuplicateIndex, clue: HotlineClueRef): DuplicateProposal[] {
  const fresh = prepareClue(clue, index.knownPlaces);
  const out: DuplicateProposal[] = [];
  for (const c of index.clues) {
    if (c.clue.id === clue.id) continue;
    if (fresh.number !== '' && c.number === fresh.number) {
      out.push({ kind: 'clue', id: c.clue.id, score: 1, reason: `举报编号相同（${c.clue.number}）` });
      continue;
    }
    if (c.clue.countyCode !== clue.countyCode) continue;
    const place = addressSimilarity(fresh.place, c.place) ?? 0;
    const content = diceOfBigrams(fresh.content, c.content);
    if (place >= SAME_PLACE_THRESHOLD && place >= content) {
      out.push({
        kind: 'clue',
        id: c.clue.id,
        score: place,
        reason: `同一区县，被举报地点相近（${c.clue.number}）`,
      });
    } else if (content >= SIMILAR_CONTENT_THRESHOLD) {
      out.push({
        kind: 'clue',
        id: c.clue.id,
        score: content,
        reason: `同一区县，举报内容相近（${c.clue.number}）`,
      });
    }
  }
  const text = `${clue.place}${clue.content}`;
  const probe: SiteProbe = {
    place: fresh.place,
    placeAsName: index.normalizeName(clue.place),
    text: foldText(text),
    textFamilies: industryFamiliesIn(text),
  };
  for (const s of index.sites) {
    if (s.site.countyCode !== clue.countyCode) continue;
    const proposal = siteProposal(probe, s);
    if (proposal) out.push(proposal);
  }
  return out.sort((a, b) => b.score - a.score || (a.kind === b.kind ? 0 : a.kind === 'clue' ? -1 : 1));
}

export interface Hotspot {
  countyCode: string;
  /** The place as most of its clues write it. */
  place: string;
  count: number;
  clueIds: string[];
  firstReceivedAt: Date;
  lastReceivedAt: Date;
}

/**
 * Groups clues about one place: same county and a similar place (≥ 0.6, single linkage: a clue
 * joins a group if it is like any clue already in it). Groups of at least `minCount` clues
 * (2 by default) are hotspots, most repeated first, then the most recently reported.
 */
export function hotlineHotspots(
  clues: readonly HotlineClueRef[],
  options: { minCount?: number; knownPlaces?: readonly string[] } = {},
): Hotspot[] {
  const knownPlaces = foldPlaceNames(options.knownPlaces ?? []);
  const minCount = options.minCount ?? 2;
  const ordered = [...clues].sort(
    (a, b) => new Date(a.receivedAt).getTime() - new Date(b.receivedAt).getTime(),
  );
  const groups: { countyCode: string; members: { clue: HotlineClueRef; place: PreparedAddress | null }[] }[] =
    [];
  for (const clue of ordered) {
    const place = prepareAddress(clue.place, knownPlaces);
    const group = groups.find(
      (g) =>
        g.countyCode === clue.countyCode &&
        g.members.some((m) => (addressSimilarity(m.place, place) ?? 0) >= SAME_PLACE_THRESHOLD),
    );
    if (group) group.members.push({ clue, place });
    else groups.push({ countyCode: clue.countyCode, members: [{ clue, place }] });
  }
  return groups
    .filter((g) => g.members.length >= minCount)
    .map((g) => {
      const tally = new Map<string, { text: string; n: number }>();
      for (const m of g.members) {
        const key = m.place?.folded ?? '';
        const t = tally.get(key);
        if (t) t.n++;
        else tally.set(key, { text: m.clue.place, n: 1 });
      }
      const place = [...tally.values()].reduce((a, b) => (b.n > a.n ? b : a)).text;
      const times = g.members.map((m) => new Date(m.clue.receivedAt));
      return {
        countyCode: g.countyCode,
        place,
        count: g.members.length,
        clueIds: g.members.map((m) => m.clue.id),
        firstReceivedAt: times[0]!,
        lastReceivedAt: times[times.length - 1]!,
      };
    })
    .sort((a, b) => b.count - a.count || b.lastReceivedAt.getTime() - a.lastReceivedAt.getTime());
}
