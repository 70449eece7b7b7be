// wink-lexicon ships no types. Its lexicon maps an English word to its Penn Treebank part-of-speech
// tags, the usual one first.
declare module 'wink-lexicon/src/lexicon' {
  const lexicon: Record<string, string[] | undefined>;
  export = lexicon;
}
