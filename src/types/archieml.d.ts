/** The archieml package ships no types: load() turns an ArchieML text into plain objects. */
declare module 'archieml' {
  const archieml: { load(text: string, options?: { comments?: boolean }): Record<string, unknown> };
  export default archieml;
}
