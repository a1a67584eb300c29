import { randomInt } from 'node:crypto';

/** A random 16-digit card number that passes the Luhn check (Visa-like prefix 4), unique per call in practice. */
export function randomLuhnCard(): string {
  const digits = [4, ...Array.from({ length: 14 }, () => randomInt(10))];
  let sum = 0;
  // The check digit goes last, so counting from the right the payload's last digit is doubled.
  for (let i = 0; i < digits.length; i += 1) {
    const fromRight = digits.length - i;
    let d = digits[i] ?? 0;
    if (fromRight % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return [...digits, (10 - (sum % 10)) % 10].join('');
}

/** Whether `number` passes the Luhn check. */
export function luhnValid(number: string): boolean {
  let sum = 0;
  const digits = [...number].map(Number).reverse();
  digits.forEach((d, i) => {
    let v = d;
    if (i % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  });
  return sum % 10 === 0;
}
