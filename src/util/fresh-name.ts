// Fresh names for printouts: the output J (or J1), t1, t2 in the trace, u1, u2 under "where".

/**
 * A name no one has taken yet, which is then taken: `base` itself when `numbered` is false and it
 * is free, else base1, base2, … (the output J, or J1 when the program has a J; t1, u1, …).
 */
export function freshName(base: string, taken: Set<string>, numbered = true): string {
  let name = base;
  let k = 0;
  if (numbered || taken.has(name)) {
    do name = `${base}${++k}`;
    while (taken.has(name));
  }
  taken.add(name);
  return name;
}
