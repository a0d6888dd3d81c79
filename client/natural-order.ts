// Names as people read them: "web 2" before "web 10", and case does not split a list.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Compares two names for display order. */
export const compareNames = (a: string, b: string): number => collator.compare(a, b);
