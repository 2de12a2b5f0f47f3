/**
 * Percent-encodes a string as RFC 3986 requires for Alibaba signatures: every byte except
 * `A-Z a-z 0-9 - _ . ~` becomes `%XX`, so a space is `%20` and `*` is `%2A`.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => {
    return '%' + character.charCodeAt(0).toString(16).toUpperCase();
  });
}

/** Sorts parameters by encoded name, then value, and joins them as `name=value&...`. */
export function canonicalizeParameters(parameters: Array<[string, string]>): string {
  const encoded = parameters.map(([name, value]) => [percentEncode(name), percentEncode(value)]);
  encoded.sort(
    ([nameA, valueA], [nameB, valueB]) =>
      compareStrings(nameA, nameB) || compareStrings(valueA, valueB),
  );

  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

function compareStrings(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}
