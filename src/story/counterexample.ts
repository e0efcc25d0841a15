/** A small, named edit of the loaded datasets under which one claim of the copy must fail. */
import type { RawDatasets } from '../data/index.ts';

export interface Counterexample {
  /** The id of the claim this edit must make fail. */
  claim: string;
  /** What the edit does, in words (printed when the claim does not fail as it should). */
  name: string;
  /** Edits a private deep copy of the loaded datasets, before anything is derived from them. */
  edit: (datasets: RawDatasets) => void;
}
