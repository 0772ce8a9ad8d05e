/**
 * Names as a help text lists them: `a, b or c`.
 *
 * @example
 * listed(['relu', 'sigmoid', 'tanh']); // 'relu, sigmoid or tanh'
 */
export const listed = (names: readonly string[]): string =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
