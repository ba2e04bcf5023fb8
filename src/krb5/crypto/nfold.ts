/**
 * n-fold (RFC 3961 section 5.1): stretches or shrinks a byte string to n bytes so that every
 * input bit affects the output. Used to turn derivation constants into one cipher block.
 */

/**
 * n-fold `input` to `outputLength` bytes: repeat the input up to lcm(input, output) bytes,
 * each copy rotated right by 13 bits more than the one before, then add the output-sized
 * chunks with one's-complement (end-around carry) addition.
 */
export function nfold(input: Uint8Array, outputLength: number): Uint8Array {
  const total = lcm(input.length, outputLength);
  const expanded = new Uint8Array(total);
  for (let copy = 0; copy * input.length < total; copy++) {
    expanded.set(rotateRight(input, 13 * copy), copy * input.length);
  }

  const sum = new Uint8Array(outputLength);
  for (let offset = 0; offset < total; offset += outputLength) {
    addOnesComplement(sum, expanded.subarray(offset, offset + outputLength));
  }
  return sum;
}

/** `input` as one big-endian bit string, rotated right by `bits`. */
function rotateRight(input: Uint8Array, bits: number): Uint8Array {
  const length = input.length;
  const byteShift = Math.floor(bits / 8) % length;
  const bitShift = bits % 8;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const current = input[(i - byteShift + length) % length]!;
    const previous = input[(i - byteShift - 1 + 2 * length) % length]!;
    out[i] = ((current >>> bitShift) | (previous << (8 - bitShift))) & 0xff;
  }
  return out;
}

/** sum += part, both big-endian numbers of equal length, with end-around carry. */
function addOnesComplement(sum: Uint8Array, part: Uint8Array): void {
  let carry = 0;
  for (let i = sum.length - 1; i >= 0; i--) {
    const total = sum[i]! + part[i]! + carry;
    sum[i] = total & 0xff;
    carry = total >>> 8;
  }
  while (carry !== 0) {
    for (let i = sum.length - 1; i >= 0 && carry !== 0; i--) {
      const total = sum[i]! + carry;
      sum[i] = total & 0xff;
      carry = total >>> 8;
    }
  }
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
