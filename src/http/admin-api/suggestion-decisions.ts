import type { InsightsPort, Suggestion } from '../../insights/suggestion.ts';
import type { KnowledgeChangeRepository } from '../../knowledge/changes/knowledge-change.repository.ts';
import type { KnowledgeChange } from '../../knowledge/changes/knowledge-change.ts';
import type { KnowledgeEdit, KnowledgeWrite, KnowledgeWriter } from '../../knowledge/files/knowledge-writer.ts';
import { HttpError } from '../http.error.ts';
import type { AcceptRequest } from './admin-api.input.ts';

/** The served knowledge after a write: reloaded (the write is being answered from), or still the old one. */
interface KnowledgeReloadOutcome {
  readonly reloaded: boolean;
  /** The served knowledge's version (`KnowledgeSnapshot.version`). */
  readonly version: number;
}

/** What the decisions need: the inbox, the writer, the change log and a reload of the served knowledge. */
export interface SuggestionDecisionServices {
  readonly insights: InsightsPort;
  readonly writer: KnowledgeWriter;
  readonly changes: KnowledgeChangeRepository;
  /** Reloads the served knowledge now and resolves once it is served (or failed: the last good stays). */
  readonly reloadKnowledge: () => Promise<KnowledgeReloadOutcome>;
  readonly now?: () => Date;
}

/** What an accept did. */
export interface AcceptOutcome extends KnowledgeWrite {
  readonly suggestionId: string;
  /** The recorded change; null when every phrasing was already there (nothing written). */
  readonly change: KnowledgeChange | null;
  readonly knowledge: KnowledgeReloadOutcome | null;
}

/**
 * An admin's accept or dismiss of an inbox suggestion: checks the phrasings belong to it, writes
 * the knowledge file (`KnowledgeWriter`), records who changed what (`knowledge_changes`) and the
 * decision (so the phrasings are not suggested again), and waits for the served knowledge to
 * reload, so once `accept` resolves the bot answers the phrasings from their entry.
 */
export class SuggestionDecisions {
  constructor(private readonly services: SuggestionDecisionServices) {}

  async accept(suggestionId: string, request: AcceptRequest, actorAgentId: number): Promise<AcceptOutcome> {
    const suggestion = await this.#suggestion(suggestionId);
    const phrasings = chosenPhrasings(suggestion, request.phrasings);
    const { target } = request;
    const edit: KnowledgeEdit =
      target.kind === 'entry'
        ? { kind: 'add-phrasings', entryId: target.entryId, phrasings }
        : target.kind === 'new-entry'
          ? {
              kind: 'new-entry',
              entry: { id: target.id, title: target.title, answer: target.answer, questions: phrasings },
              besideEntryId: suggestion.entryId,
            }
          : { kind: 'out-of-scope', phrasings };
    const write = await this.services.writer.write(edit);
    const change =
      write.added.length === 0
        ? null
        : await this.services.changes.insert({
            actorAgentId,
            kind: edit.kind,
            file: write.file,
            line: write.line,
            entryId: write.entryId,
            phrasings: write.added,
            suggestionId,
            createdAt: (this.services.now?.() ?? new Date()).toISOString(),
          });
    await this.services.insights.recordDecision({
      suggestionId,
      decision: 'accepted',
      phrasings,
      entryId: write.entryId,
      outOfScope: target.kind === 'out-of-scope',
      actorAgentId,
    });
    const knowledge = write.added.length === 0 ? null : await this.services.reloadKnowledge();
    return { ...write, suggestionId, change, knowledge };
  }

  /** Dismisses the named phrasings (default all); they are not suggested again. */
  async dismiss(suggestionId: string, only: readonly string[] | undefined, actorAgentId: number): Promise<string[]> {
    const phrasings = chosenPhrasings(await this.#suggestion(suggestionId), only);
    await this.services.insights.recordDecision({
      suggestionId,
      decision: 'dismissed',
      phrasings,
      entryId: null,
      outOfScope: false,
      actorAgentId,
    });
    return phrasings;
  }

  async #suggestion(id: string): Promise<Suggestion> {
    const suggestion = await this.services.insights.suggestion(id);
    if (suggestion === undefined) {
      throw new HttpError(
        404,
        'suggestion_not_found',
        `No suggestion has the id "${id}": it may have been accepted or dismissed, or its group changed. Reload the suggestions.`,
      );
    }
    return suggestion;
  }
}

/** The phrasings the admin kept ticked (each must be one of the suggestion's), or all of them. */
function chosenPhrasings(suggestion: Suggestion, only: readonly string[] | undefined): string[] {
  const texts = suggestion.phrasings.map((phrasing) => phrasing.text);
  if (only === undefined) return texts;
  const known = new Set(texts);
  const wrong = only.findIndex((text) => !known.has(text));
  if (wrong !== -1) {
    throw new HttpError(
      400,
      'invalid_request',
      `phrasings[${wrong}]: ${JSON.stringify(only[wrong]?.slice(0, 80))} is not a phrasing of suggestion ${suggestion.id}`,
    );
  }
  return [...new Set(only)];
}
