// Integers modulo the group order L = 2^252 + 27742317777372353535851937790883648493,
// as four little-endian 64-bit words. Internal to CEd25519; the reduction is
// constant time (signing reduces secret values with it).
#ifndef SC25519_H
#define SC25519_H

#include <stdint.h>

/// out = x mod L, for x < 2^512 given as eight little-endian words.
void sc_reduce512(uint64_t out[4], const uint64_t x[8]);

/// out = (a * b + c) mod L, for any a, b, c below 2^256.
void sc_muladd(uint64_t out[4], const uint64_t a[4], const uint64_t b[4], const uint64_t c[4]);

/// 1 when the 32-byte little-endian s is below L (variable time: for public S).
int sc_is_canonical_vartime(const uint8_t s[32]);

void sc_from_bytes(uint64_t *words, const uint8_t *bytes, int word_count);
void sc_to_bytes(uint8_t out[32], const uint64_t s[4]);

#endif
