// SHA-512 (FIPS 180-4) and Ed25519 (RFC 8032), written here because the
// project takes no packages: the ledger checks every event's SSH signature
// itself. Verification is strict (RFC 8032 section 5.1.7 plus the rules in
// README.md) and may run in variable time; key derivation and signing use
// constant-time code paths. Every function is thread-safe: the only shared
// data are tables (and whether the CPU has AVX-512) computed once, under
// pthread_once, and never written again.
#ifndef CED25519_H
#define CED25519_H

#include <stddef.h>
#include <stdint.h>

// MARK: SHA-512

/// An incremental SHA-512 computation. Initialise with ced25519_sha512_init.
typedef struct {
    uint64_t state[8];
    uint64_t length;        // bytes hashed so far
    uint8_t buffer[128];    // a partial block; `length % 128` bytes of it are used
} ced25519_sha512_ctx;

void ced25519_sha512_init(ced25519_sha512_ctx *ctx);
void ced25519_sha512_update(ced25519_sha512_ctx *ctx, const uint8_t *data, size_t length);
/// Writes the 64-byte digest; the context must be initialised again before reuse.
void ced25519_sha512_final(ced25519_sha512_ctx *ctx, uint8_t digest[64]);
/// One-shot SHA-512 of `length` bytes.
void ced25519_sha512(uint8_t digest[64], const uint8_t *data, size_t length);

/// The SHA-512 of each of `count` independent messages (`messages[i]`,
/// `lengths[i]` bytes) into `digests + 64 * i`. With AVX-512 (checked at
/// run time) eight messages are compressed at once, one per 64-bit lane;
/// otherwise one after the other, as ced25519_sha512.
void ced25519_sha512_many(uint8_t *digests, const uint8_t *const *messages, const size_t *lengths, size_t count);
/// ced25519_sha512_many without the vector path (tests compare the two).
void ced25519_sha512_many_portable(uint8_t *digests, const uint8_t *const *messages, const size_t *lengths,
                                   size_t count);
/// How many messages ced25519_sha512_many compresses at once on this machine: 8 or 1.
int ced25519_sha512_lanes(void);

// MARK: Ed25519

/// 1 when `signature` (R || S, 64 bytes) is a valid Ed25519 signature of the
/// message by `public_key` (32 bytes), else 0. Strict: S must be below the
/// group order L, the public key must be a canonical encoding of a point on
/// the curve that is not of small order, and R must equal, byte for byte, the
/// canonical encoding of [S]B - [k]A. Variable time (it handles public data).
int ced25519_verify(const uint8_t signature[64], const uint8_t *message, size_t length,
                    const uint8_t public_key[32]);

/// A public key checked once (the rules of ced25519_verify) with its small
/// multiples computed, for verifying many signatures by the same key.
typedef struct {
    uint8_t public_key[32];
    uint64_t valid;           // 1 when the key passed the checks
    uint64_t table[4 * 16 * 15];  // (2i + 1) 2^(64 j) (-A), j < 4, i < 16, in affine form
} ced25519_prepared_key;

/// Checks `public_key` as ced25519_verify does and fills `prepared`; 1 when
/// the key is valid, else 0 (and `prepared` verifies nothing).
int ced25519_prepare_key(ced25519_prepared_key *prepared, const uint8_t public_key[32]);

/// ced25519_verify with a prepared key: the same answer for every input,
/// without decoding the key and computing its multiples each time.
int ced25519_verify_prepared(const uint8_t signature[64], const uint8_t *message, size_t length,
                             const ced25519_prepared_key *prepared);

/// 1 when `public_key` would be accepted by ced25519_verify: canonical,
/// on the curve, and not of small order.
int ced25519_public_key_is_valid(const uint8_t public_key[32]);

/// The public key of a 32-byte private seed (RFC 8032 section 5.1.5). Constant time.
void ced25519_public_key(uint8_t public_key[32], const uint8_t seed[32]);

/// The signature of a message by a 32-byte seed (RFC 8032 section 5.1.6).
/// Constant time in the seed. For tests and synthetic benchmark ledgers only:
/// the ledger itself never holds a user's private key.
void ced25519_sign(uint8_t signature[64], const uint8_t *message, size_t length,
                   const uint8_t seed[32]);

// MARK: Scalars modulo L (exposed for tests against an independent reference)

/// `out` = the 64-byte little-endian integer `in` reduced modulo L.
void ced25519_scalar_reduce(uint8_t out[32], const uint8_t in[64]);

/// `out` = (a * b + c) mod L for 32-byte little-endian integers a, b, c.
void ced25519_scalar_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32],
                            const uint8_t c[32]);

#endif
