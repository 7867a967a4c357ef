// What sha512.c and sha512_many.c share inside CEd25519 (not part of the
// public header): the round constants and the initial hash value.
#ifndef CED25519_SHA512_INTERNAL_H
#define CED25519_SHA512_INTERNAL_H

#include <stdint.h>

/// FIPS 180-4 section 4.2.3: the 80 round constants.
extern const uint64_t ced25519_sha512_k[80] __attribute__((visibility("hidden")));
/// FIPS 180-4 section 5.3.5: the initial hash value.
extern const uint64_t ced25519_sha512_iv[8] __attribute__((visibility("hidden")));

#endif
