// Exact arithmetic on weights: bigint throughout, fractions as numerator/denominator.
export interface Fraction {
  num: bigint;
  den: bigint;
}

export function parseFraction(text: string): Fraction {
  const [n, d] = text.split('/');
  const num = BigInt(n ?? '0');
  const den = BigInt(d ?? '1');
  return { num, den: den === 0n ? 1n : den };
}

export const isHalf = (f: Fraction): boolean => f.num * 2n === f.den;

export const sum = (values: Iterable<bigint>): bigint => {
  let s = 0n;
  for (const v of values) s += v;
  return s;
};
