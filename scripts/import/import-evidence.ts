/**
 * What an import run knows beyond each collapsed page: the site's style and the components of every clean spec it has
 * seen (the output folder, specs/, the clean pages of the batch), as plain data so that it can be handed to the
 * workers that read collapsed pages; and the evidence rules for one page (evidence.ts, site-style.ts).
 */

import { isRecord } from "../shared/openapi.ts";
import {
  apisGuruCategoriesRule,
  apisGuruInfoExtensionsRule,
  apisGuruTagsRule,
  apisGuruTwitterRule,
  awsAuthTypeRule,
  extensionValueKeysRule,
  logoKeysRule,
  originConverterRule,
} from "./apis-guru-rules.ts";
import { batchScopesRule, type RequiredScopes, scopesAskedWith } from "./batch-scopes.ts";
import {
  collapse,
  declaredScopesRule,
  type EvidenceRule,
  exampleHoldsValueRule,
  forEachObject,
  knownComponentsRule,
} from "./evidence.ts";
import {
  alikeExampleValuesRule,
  dataHoldsNoSchemaRule,
  exampleNamesRule,
  holdsSchemaData,
  schemaExampleRule,
  spacedExampleNamesRule,
  usedComponentsRule,
} from "./example-rules.ts";
import { learnResponseExampleKeys, listedResponseKeys, type ResponseExampleKeys } from "./example-values.ts";
import { type KnownFragments, knownFragmentsRule, learnFragments } from "./known-fragments.ts";
import {
  danglingDashRule,
  enumDashRule,
  enumNamesRule,
  exampleListDashRule,
  scopeDashRule,
  spacedScopesRule,
  urlListTextRule,
} from "./list-rules.ts";
import {
  componentTitleRule,
  endpointServerRule,
  leadParagraphRule,
  pageTitleRule,
  siteDocumentRule,
} from "./page-rules.ts";
import { renamedComponentsRule } from "./renamed-components.ts";
import {
  additionalPropertiesAfterRule,
  arrayObjectKeywordsRule,
  arrayStringKeywordsRule,
  azureDocumentedKeysRule,
  azureParameterLocationRule,
  azureResourceMarkerRule,
  compositionReferenceRule,
  describedCompositionRule,
  describedPropertiesRule,
  itemsReferenceRule,
} from "./schema-habits.ts";
import {
  codeSpanTextRule,
  cutAtUnclosedTag,
  headerRemainsTextRule,
  holdsGluedDash,
  holdsMergedSibling,
  holdsPageYaml,
  holdsUnclosedFence,
  listItemTextRule,
  mergedSiblingTextRule,
  requiredListTextRule,
  swallowedYamlTextRule,
  unclosedTagTextRule,
} from "./scrape-damage-rules.ts";
import { type SdkBodies, sdkRequestExampleRule } from "./sdk-example.ts";
import {
  dataOrderRule,
  emptyStyle,
  keySetRule,
  learnStyle,
  type SiteStyle,
  styleOverrulingRule,
  styleRefusalRule,
  styleRule,
} from "./site-style.ts";
import {
  blockHeaderTextRule,
  cleanTextEndRule,
  endsWithExampleKey,
  endsWithKeyword,
  exampleEndingTextRule,
  extensionUrlRule,
  holdsPatternKey,
  holdsSpacedExtensionUrl,
  holdsUrlKey,
  infoFieldTextRule,
  isCleanText,
  keywordEndingTextRule,
  patternKeyRule,
  schemaTypeTextRule,
  sentenceKeyTextRule,
  urlKeyTextRule,
} from "./text-rules.ts";

export interface ImportEvidence {
  style: SiteStyle;
  /** Component schemas by name; a name seen with two different schemas is dropped (the evidence disagrees). */
  components: Record<string, unknown>;
  /** Names seen with different schemas. */
  conflicting: string[];
  /** Named objects (headers, properties, responses) as clean pages write them (known-fragments.ts). */
  fragments: KnownFragments;
  /** Clean texts up to a `<` they do not close (scrape-damage-rules.ts cutAtUnclosedTag), up to MAX_CUTS. */
  unclosedTagCuts: string[];
  /**
   * Clean texts, wherever written (a parameter's too), that a text habit or refusal would judge: ending with an
   * `example:` key after a sentence (text-rules.ts endsWithExampleKey), holding YAML of the page, a dash glued to a
   * word or a sibling value after a dash (holdsPageYaml, holdsGluedDash, holdsMergedSibling), a URL with a space under
   * an extension (holdsSpacedExtensionUrl), or leaving a code fence open (holdsUnclosedFence, which would refuse the
   * page's block); as the scrape leaves them, up to MAX_TEXTS: the site's own, which those rules neither refuse nor
   * decide for. Learnt from every clean document, so from known components and fragments too.
   */
  ownTexts: Set<string>;
  /**
   * Clean texts (descriptions, summaries, titles outside free values) as the scrape leaves them, up to MAX_TEXTS
   * (text-rules.ts cleanTextEndRule). A set, which structured cloning hands to the workers as it is.
   */
  cleanTexts: Set<string>;
  /** The OAuth 2 scopes the batch's collapsed pages ask for, by the security schemes they copy (batch-scopes.ts). */
  requiredScopes: RequiredScopes;
  /** A clean document's example data holds a schema's `properties` (example-rules.ts dataHoldsNoSchemaRule). */
  siteWritesSchemaData: boolean;
  /** Clean pages' SDK bodies against their first request examples (sdk-example.ts learnSdkBody). */
  sdkBodies: SdkBodies;
  /** Clean pages' response examples against their schemas (example-values.ts learnResponseExampleKeys). */
  responseExampleKeys: ResponseExampleKeys;
  /** The names of the schema habits (schemaHabits) a clean document breaks: the site's own way, no habit of its pages. */
  brokenHabits: string[];
}

/** A site writes few texts with a lone `<` (`d < 2.5`); bounded for the workers' copies. */
const MAX_CUTS = 2_000;
/** Bounds the workers' copies of the clean texts, each set (a large site writes tens of thousands). */
const MAX_TEXTS = 100_000;

export function emptyEvidence(): ImportEvidence {
  return {
    style: emptyStyle(),
    components: {},
    conflicting: [],
    fragments: {},
    unclosedTagCuts: [],
    ownTexts: new Set(),
    cleanTexts: new Set(),
    requiredScopes: {},
    siteWritesSchemaData: false,
    sdkBodies: {},
    responseExampleKeys: { objects: 0, unlisted: 0, lacking: 0 },
    brokenHabits: [],
  };
}

/**
 * Adds one document to the evidence (in place): a clean one, or one this run `recovered` from a collapsed page. A
 * recovered page counts for everything but the key sets (site-style.ts keySetRule): the pages a run can read are those
 * whose objects are written the usual way, so their sets make an unusual set look rarer than the site's pages hold it
 * (Twilio api_v2010 with one clean page: the seven available-phone-number pages, whose `capabilities` schema is the
 * site's one `nullable`, described schema with properties, refused in the first round, were written with both keys on
 * its last property in the second, once the first round's pages made the component schemas' sets a habit: 199
 * objects of six sets, one seen once).
 */
export function learnFrom(evidence: ImportEvidence, document: unknown, { recovered = false } = {}): void {
  learnStyle(evidence.style, document, [], { keySets: !recovered });
  learnFragments(evidence.fragments, document);
  learnTexts(evidence, document);
  evidence.siteWritesSchemaData ||= holdsSchemaData(document);
  learnResponseExampleKeys(evidence.responseExampleKeys, document);
  if (!recovered) learnBrokenHabits(evidence.brokenHabits, document);
  const schemas =
    isRecord(document) && isRecord(document.components) ? document.components.schemas : undefined;
  if (!isRecord(schemas)) return;
  for (const [name, schema] of Object.entries(schemas)) {
    if (evidence.conflicting.includes(name)) continue;
    const known = evidence.components[name];
    if (known === undefined) evidence.components[name] = schema;
    else if (JSON.stringify(known) !== JSON.stringify(schema)) {
      delete evidence.components[name];
      evidence.conflicting.push(name);
    }
  }
}

/**
 * The habits real specs keep of how a schema is written (schema-habits.ts), each a rule of its own: a site whose clean
 * pages break one has it off. Their counts are of the specs as written; a docs site that inlines referenced schemas
 * writes some differently (AWS importexport's input schemas hold `$ref` properties and their `description` after them,
 * which inlined are described properties: half of its pages clean, five were written wrong by
 * describedPropertiesRule).
 */
function schemaHabits(): EvidenceRule[] {
  return [
    itemsReferenceRule(),
    compositionReferenceRule(),
    describedCompositionRule(),
    arrayStringKeywordsRule(),
    arrayObjectKeywordsRule(),
    azureResourceMarkerRule(),
    azureDocumentedKeysRule(),
    azureParameterLocationRule(),
    describedPropertiesRule(),
    additionalPropertiesAfterRule(),
  ];
}

/** Adds to `broken` the names of the schema habits a clean document breaks somewhere. */
function learnBrokenHabits(broken: string[], document: unknown): void {
  const unbroken = schemaHabits().filter((rule) => !broken.includes(rule.name));
  if (unbroken.length === 0) return;
  forEachObject(document, [], (path, entries) => {
    for (const rule of unbroken)
      if (!broken.includes(rule.name) && rule.problems(path, entries, true).length > 0)
        broken.push(rule.name);
  });
}

/**
 * The clean texts the text rules take as the site's own, in one walk of the document: each cut at an unclosed `<`, each
 * a text habit or refusal would judge, and every description, summary and title (the rules judge objects' own text
 * entries, so those are the texts learnt from).
 */
function learnTexts(evidence: ImportEvidence, document: unknown): void {
  forEachObject(document, [], (path, entries) => {
    for (const [key, value] of entries) {
      if (typeof value !== "string") continue;
      addBounded(evidence.unclosedTagCuts, cutAtUnclosedTag(value));
      const text = collapse(value).trim();
      if (
        endsWithExampleKey(text) ||
        endsWithKeyword(text) ||
        holdsPageYaml(text) ||
        holdsGluedDash(text) ||
        holdsMergedSibling(text) ||
        holdsSpacedExtensionUrl(path, key, value) ||
        holdsUnclosedFence(text) ||
        holdsUrlKey(text) ||
        (key === "pattern" && holdsPatternKey(text))
      )
        addToSet(evidence.ownTexts, text);
      if (isCleanText(path, key, text)) addToSet(evidence.cleanTexts, text);
    }
  });
}

function addBounded(texts: string[], text: string | undefined): void {
  if (text !== undefined && texts.length < MAX_CUTS && !texts.includes(text)) texts.push(text);
}

function addToSet(texts: Set<string>, text: string): void {
  if (texts.size < MAX_TEXTS) texts.add(text);
}

/** What the reader is given for one collapsed page from what the run knows: its rules, and the site's habits it needs. */
export function readingOptions(
  evidence: ImportEvidence | undefined,
  page: string,
  yaml: string,
): { rules: EvidenceRule[]; listedResponseKeys: boolean } {
  return {
    rules: rulesFor(evidence, page, yaml),
    listedResponseKeys: evidence !== undefined && listedResponseKeys(evidence.responseExampleKeys),
  };
}

/** The rules for one collapsed page, most specific first: the page's own text, known components, the site's style. */
export function rulesFor(evidence: ImportEvidence | undefined, page: string, yaml: string): EvidenceRule[] {
  const flat = page.replace(/\s+/g, " ");
  const flatYaml = yaml.replace(/\s+/g, " ");
  const knownTexts = evidence?.ownTexts;
  // Values holding ` - ` that clean pages write: the site's own, never split (enums, APIs.guru's categories).
  const joinedValues = new Set(evidence?.style.joinedValues);
  const rules = [
    leadParagraphRule(flat),
    pageTitleRule(flat),
    evidence && sdkRequestExampleRule(flat, flatYaml, evidence.sdkBodies),
    endpointServerRule(flat, yaml),
    componentTitleRule(flatYaml),
    schemaExampleRule(),
    usedComponentsRule(flatYaml),
    dataHoldsNoSchemaRule(evidence?.siteWritesSchemaData ?? false),
    blockHeaderTextRule(),
    schemaTypeTextRule(knownTexts),
    exampleEndingTextRule(knownTexts),
    keywordEndingTextRule(knownTexts),
    sentenceKeyTextRule(knownTexts),
    patternKeyRule(knownTexts),
    infoFieldTextRule(knownTexts),
    urlKeyTextRule(knownTexts),
    enumDashRule(joinedValues),
    exampleListDashRule(joinedValues),
    urlListTextRule(),
    scopeDashRule(),
    spacedScopesRule(),
    danglingDashRule(),
    extensionUrlRule(knownTexts),
    listItemTextRule(),
    codeSpanTextRule(evidence?.cleanTexts),
    headerRemainsTextRule(knownTexts),
    mergedSiblingTextRule(knownTexts),
    requiredListTextRule(),
    exampleHoldsValueRule(),
    spacedExampleNamesRule(),
    exampleNamesRule(flatYaml),
    alikeExampleValuesRule(),
    swallowedYamlTextRule(knownTexts),
    siteDocumentRule(flat),
    extensionValueKeysRule(),
    originConverterRule(),
    apisGuruCategoriesRule(joinedValues),
    apisGuruTagsRule(joinedValues),
    awsAuthTypeRule(),
    apisGuruInfoExtensionsRule(),
    logoKeysRule(),
    apisGuruTwitterRule(),
    ...schemaHabits().filter((rule) => !evidence?.brokenHabits.includes(rule.name)),
    enumNamesRule(),
    declaredScopesRule(),
  ];
  if (evidence) {
    const components = new Map(Object.entries(evidence.components));
    rules.push(knownComponentsRule(components, flatYaml));
    rules.push(renamedComponentsRule(components, flatYaml));
    rules.push(knownFragmentsRule(evidence.fragments, flatYaml, evidence.style));
    const style = styleRule(evidence.style);
    rules.push(style);
    rules.push(keySetRule(evidence.style, style));
    rules.push(styleRefusalRule(evidence.style));
    rules.push(styleOverrulingRule(evidence.style));
    rules.push(dataOrderRule(evidence.style));
    rules.push(unclosedTagTextRule(evidence.unclosedTagCuts));
    rules.push(cleanTextEndRule(evidence.cleanTexts));
    rules.push(batchScopesRule(scopesAskedWith(evidence.requiredScopes, flatYaml)));
  }
  return rules.filter((rule): rule is EvidenceRule => rule !== undefined);
}
