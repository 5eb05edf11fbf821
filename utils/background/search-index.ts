// An inverted index for prefix search: term → ids, with the vocabulary kept sorted so a prefix is
// one binary search plus a short walk. MiniSearch was measured first: it scores every match, which
// costs 7–30 ms per query when common words hit thousands of items; this answers in well under 1 ms.
import type { CompiledQuery } from './search-text';

export class PrefixIndex {
  private readonly postings = new Map<string, Set<string>>();
  private readonly termsOf = new Map<string, string[]>();
  private sorted: string[] | undefined;

  add(id: string, terms: Iterable<string>): void {
    this.remove(id);
    const unique = [...new Set(terms)].filter(Boolean);
    this.termsOf.set(id, unique);
    for (const term of unique) {
      let ids = this.postings.get(term);
      if (!ids) {
        this.postings.set(term, (ids = new Set()));
        this.sorted = undefined;
      }
      ids.add(id);
    }
  }

  remove(id: string): void {
    for (const term of this.termsOf.get(id) ?? []) {
      const ids = this.postings.get(term);
      ids?.delete(id);
      if (ids?.size === 0) {
        this.postings.delete(term);
        this.sorted = undefined;
      }
    }
    this.termsOf.delete(id);
  }

  /** Ids having a term that starts with `prefix`. */
  withPrefix(prefix: string, into = new Set<string>()): Set<string> {
    const terms = (this.sorted ??= [...this.postings.keys()].sort());
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < terms.length && terms[i]!.startsWith(prefix); i++) {
      for (const id of this.postings.get(terms[i]!)!) into.add(id);
    }
    return into;
  }

  /** Ids matching every query word, each as typed or stemmed. */
  search(query: CompiledQuery): Set<string> {
    let result: Set<string> | undefined;
    for (const [word, stem] of query) {
      const matches = this.withPrefix(word.trim());
      if (stem !== word) this.withPrefix(stem.trim(), matches);
      result = result ? new Set([...result].filter((id) => matches.has(id))) : matches;
      if (result.size === 0) break;
    }
    return result ?? new Set();
  }
}
