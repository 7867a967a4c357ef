// SHA-256 block compression with the CPU's SHA extensions, when present.
// The portable implementation lives in Swift (LedgerCrypto/SHA256.swift); this
// target exists only because the CPU helps: Swift cannot name the
// SHA-NI intrinsics. Both are tested against the same published vectors.
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA-NI, SSSE3 and SSE4.1 instructions, else 0.
int csha256_hardware_available(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (8 words, in
/// the standard big-endian word order of FIPS 180-4). Only call it when
/// csha256_hardware_available() returned 1.
void csha256_hardware_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
