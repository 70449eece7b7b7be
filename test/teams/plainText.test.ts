// Free text shown in a card is plain text: no Markdown link, emphasis or code, no invisible
// direction-control characters that can make one address look like another.
import { plainText } from '../../src/teams/plainText';

test('Markdown links, autolinks and images are shown as typed, not as links', () => {
  expect(plainText('See [the plan](https://evil.example/x)')).toBe('See \\[the plan\\](https://evil.example/x)');
  expect(plainText('![logo](https://evil.example/p.png)')).toBe('!\\[logo\\](https://evil.example/p.png)');
  expect(plainText('<https://evil.example>')).toBe('\\<https://evil.example\\>');
});

test('emphasis, code and strike-through are shown as typed', () => {
  expect(plainText('**urgent** _now_ `x` ~~no~~')).toBe('\\*\\*urgent\\*\\* \\_now\\_ \\`x\\` \\~\\~no\\~\\~');
  expect(plainText('a \\[ b')).toBe('a \\\\\\[ b');
});

test('right-to-left overrides and other direction controls are removed', () => {
  expect(plainText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  expect(plainText('\u2066a\u2069\u200Fb\u200Ec\u061Cd\uFEFF')).toBe('abcd');
});

test('ordinary text is unchanged', () => {
  const text = 'The carer (Alex) says evenings are hard: 3 incidents since 1 November, 50% more than before!';
  expect(plainText(text)).toBe(text);
});
