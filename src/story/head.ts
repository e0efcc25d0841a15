/** The article's head block (kicker, title, dek, description): its own file, so that the copy
 *  (article.ts) and the renderer (prepare.ts) can both name it without importing each other. */
export interface Head {
  kicker: string;
  title: string;
  dek: string;
  description: string;
  /** Claims the title and the description (summary) rest on (plain text, so no markers); the
   *  dek binds its sentences with {!claim} markers like the article's paragraphs. */
  claims?: string[];
}
