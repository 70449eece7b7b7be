// The package's list of English first names (about 65,000, most of them as registered for babies
// in English-speaking countries), read directly: the package types only its getGender function.
declare module 'gender-detection-from-name/names/en.js' {
  const names: Map<string, 'male' | 'female' | 'unisex'>;
  export default names;
}
