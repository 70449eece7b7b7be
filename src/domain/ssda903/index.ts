// SSDA903 episodes and the placement stability measures built on them (DOMAIN.md "Counting moves").
export * from './codes';
export * from './dates';
export * from './episodes';
export * from './ids';
export * from './spells';
export * from './measures';
export * from './report';
export * from './codingChecks';
