// Arithmetic modulo p = 2^255 - 19 in radix 2^51: five 64-bit limbs,
// products in unsigned __int128. Internal to CEd25519; static inline so the
// group code compiles into straight-line arithmetic.
//
// Limb bounds (what keeps every product inside 128 bits): fe_mul and fe_sq
// return limbs below 2^51 + 2^13 ("reduced"); they accept limbs below 2^54.
// fe_add of two reduced values is below 2^52; fe_sub(f, g) adds 4p before
// subtracting, so g must be reduced (below 2^53 - 76) and the result is below
// f + 2^53. The group formulas in ge25519.h keep to these bounds; each use
// says which bound it relies on.
//
// Every function here is constant time except where its name says `vartime`.
#ifndef FE25519_H
#define FE25519_H

#include <stdint.h>
#include <string.h>

typedef struct { uint64_t v[5]; } fe;

#define FE_MASK51 ((uint64_t)0x7ffffffffffff)

static inline void fe_zero(fe *h) { memset(h, 0, sizeof *h); }
static inline void fe_one(fe *h) { fe_zero(h); h->v[0] = 1; }

static inline void fe_add(fe *h, const fe *f, const fe *g) {
    for (int i = 0; i < 5; i++) h->v[i] = f->v[i] + g->v[i];
}

// h = f - g + 4p, limb by limb (4p = (2^53 - 76, 2^53 - 4, ...)).
static inline void fe_sub(fe *h, const fe *f, const fe *g) {
    h->v[0] = (f->v[0] + 0x1fffffffffffb4ULL) - g->v[0];
    for (int i = 1; i < 5; i++) h->v[i] = (f->v[i] + 0x1ffffffffffffcULL) - g->v[i];
}

static inline void fe_neg(fe *h, const fe *f) {
    fe z;
    fe_zero(&z);
    fe_sub(h, &z, f);
}

// Carries the five 128-bit column sums into reduced limbs.
static inline void fe_carry128(fe *h, unsigned __int128 r0, unsigned __int128 r1, unsigned __int128 r2,
                               unsigned __int128 r3, unsigned __int128 r4) {
    r1 += (uint64_t)(r0 >> 51);
    r2 += (uint64_t)(r1 >> 51);
    r3 += (uint64_t)(r2 >> 51);
    r4 += (uint64_t)(r3 >> 51);
    uint64_t h0 = ((uint64_t)r0 & FE_MASK51) + 19 * (uint64_t)(r4 >> 51);
    uint64_t h1 = ((uint64_t)r1 & FE_MASK51) + (h0 >> 51);
    h->v[0] = h0 & FE_MASK51;
    h->v[1] = h1;
    h->v[2] = (uint64_t)r2 & FE_MASK51;
    h->v[3] = (uint64_t)r3 & FE_MASK51;
    h->v[4] = (uint64_t)r4 & FE_MASK51;
}

// h = f * g. Since 2^255 = 19 (mod p), a column past limb 4 folds back times 19.
static inline void fe_mul(fe *h, const fe *f, const fe *g) {
    typedef unsigned __int128 u128;
    const uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    const uint64_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
    const uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
    u128 r0 = (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 + (u128)f3 * g2_19 + (u128)f4 * g1_19;
    u128 r1 = (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 + (u128)f4 * g2_19;
    u128 r2 = (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 + (u128)f4 * g3_19;
    u128 r3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 + (u128)f4 * g4_19;
    u128 r4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 + (u128)f4 * g0;
    fe_carry128(h, r0, r1, r2, r3, r4);
}

// h = f^2: the products f_i f_j (i != j) appear twice, so they are doubled once.
static inline void fe_sq(fe *h, const fe *f) {
    typedef unsigned __int128 u128;
    const uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    const uint64_t d0 = 2 * f0, d1 = 2 * f1, d2 = 2 * f2;
    const uint64_t f3_19 = 19 * f3, f4_19 = 19 * f4, f4_38 = 38 * f4;
    u128 r0 = (u128)f0 * f0 + (u128)d1 * f4_19 + (u128)d2 * f3_19;
    u128 r1 = (u128)d0 * f1 + (u128)f2 * f4_38 + (u128)f3 * f3_19;
    u128 r2 = (u128)d0 * f2 + (u128)f1 * f1 + (u128)f3 * f4_38;
    u128 r3 = (u128)d0 * f3 + (u128)d1 * f2 + (u128)f4 * f4_19;
    u128 r4 = (u128)d0 * f4 + (u128)d1 * f3 + (u128)f2 * f2;
    fe_carry128(h, r0, r1, r2, r3, r4);
}

// h = f^(2^n), n >= 1.
static inline void fe_sqn(fe *h, const fe *f, int n) {
    fe_sq(h, f);
    for (int i = 1; i < n; i++) fe_sq(h, h);
}

// Brings limbs below 2^54 down to reduced limbs (no multiplication).
static inline void fe_carry(fe *h, const fe *f) {
    uint64_t h0 = f->v[0], h1 = f->v[1], h2 = f->v[2], h3 = f->v[3], h4 = f->v[4];
    h1 += h0 >> 51; h0 &= FE_MASK51;
    h2 += h1 >> 51; h1 &= FE_MASK51;
    h3 += h2 >> 51; h2 &= FE_MASK51;
    h4 += h3 >> 51; h3 &= FE_MASK51;
    h0 += 19 * (h4 >> 51); h4 &= FE_MASK51;
    h1 += h0 >> 51; h0 &= FE_MASK51;
    h->v[0] = h0; h->v[1] = h1; h->v[2] = h2; h->v[3] = h3; h->v[4] = h4;
}

static inline uint64_t fe_load64_le(const uint8_t *p) {
    uint64_t x = 0;
    for (int i = 7; i >= 0; i--) x = (x << 8) | p[i];
    return x;
}

// The low 255 bits of a 32-byte little-endian string (the top bit is ignored:
// in a point encoding it is the sign of x). The value may be >= p.
static inline void fe_frombytes(fe *h, const uint8_t s[32]) {
    h->v[0] = fe_load64_le(s) & FE_MASK51;
    h->v[1] = (fe_load64_le(s + 6) >> 3) & FE_MASK51;
    h->v[2] = (fe_load64_le(s + 12) >> 6) & FE_MASK51;
    h->v[3] = (fe_load64_le(s + 19) >> 1) & FE_MASK51;
    h->v[4] = (fe_load64_le(s + 24) >> 12) & FE_MASK51;
}

// The canonical encoding: the unique representative in [0, p), 32 bytes
// little-endian, top bit 0.
static inline void fe_tobytes(uint8_t s[32], const fe *f) {
    fe t;
    fe_carry(&t, f);
    fe_carry(&t, &t);   // now t < 2^255 + 2^13 < 2p
    // q = 1 exactly when t >= p, i.e. when t + 19 carries out of bit 255.
    uint64_t q = (t.v[0] + 19) >> 51;
    q = (t.v[1] + q) >> 51;
    q = (t.v[2] + q) >> 51;
    q = (t.v[3] + q) >> 51;
    q = (t.v[4] + q) >> 51;
    // t - q p = t + 19 q - q 2^255: add 19q, carry, drop bit 255.
    t.v[0] += 19 * q;
    t.v[1] += t.v[0] >> 51; t.v[0] &= FE_MASK51;
    t.v[2] += t.v[1] >> 51; t.v[1] &= FE_MASK51;
    t.v[3] += t.v[2] >> 51; t.v[2] &= FE_MASK51;
    t.v[4] += t.v[3] >> 51; t.v[3] &= FE_MASK51;
    t.v[4] &= FE_MASK51;
    uint64_t w[4] = {
        t.v[0] | (t.v[1] << 51),
        (t.v[1] >> 13) | (t.v[2] << 38),
        (t.v[2] >> 26) | (t.v[3] << 25),
        (t.v[3] >> 39) | (t.v[4] << 12),
    };
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++) s[8 * i + j] = (uint8_t)(w[i] >> (8 * j));
}

// 1 when f = 0 (mod p).
static inline int fe_iszero(const fe *f) {
    uint8_t s[32];
    fe_tobytes(s, f);
    uint8_t acc = 0;
    for (int i = 0; i < 32; i++) acc |= s[i];
    return (int)(((uint32_t)acc - 1) >> 31);
}

// The low bit of the canonical representative: RFC 8032's "negative" x.
static inline int fe_isodd(const fe *f) {
    uint8_t s[32];
    fe_tobytes(s, f);
    return s[0] & 1;
}

// Replaces f by g when `flag` is 1, keeps it when 0 (constant time).
static inline void fe_cmov(fe *f, const fe *g, uint64_t flag) {
    uint64_t mask = (uint64_t)0 - flag;
    for (int i = 0; i < 5; i++) f->v[i] ^= mask & (f->v[i] ^ g->v[i]);
}

// z^(2^250 - 1) and z^11: the common start of inversion and square root.
static inline void fe_pow2_250_1(fe *z250, fe *z11, const fe *z) {
    fe z2, z9, t, z5_0, z10_0, z20_0, z50_0, z100_0;
    fe_sq(&z2, z);                 // z^2
    fe_sqn(&t, &z2, 2);            // z^8
    fe_mul(&z9, &t, z);            // z^9
    fe_mul(z11, &z9, &z2);         // z^11
    fe_sq(&t, z11);                // z^22
    fe_mul(&z5_0, &t, &z9);        // z^(2^5 - 1)
    fe_sqn(&t, &z5_0, 5);
    fe_mul(&z10_0, &t, &z5_0);     // z^(2^10 - 1)
    fe_sqn(&t, &z10_0, 10);
    fe_mul(&z20_0, &t, &z10_0);    // z^(2^20 - 1)
    fe_sqn(&t, &z20_0, 20);
    fe_mul(&t, &t, &z20_0);        // z^(2^40 - 1)
    fe_sqn(&t, &t, 10);
    fe_mul(&z50_0, &t, &z10_0);    // z^(2^50 - 1)
    fe_sqn(&t, &z50_0, 50);
    fe_mul(&z100_0, &t, &z50_0);   // z^(2^100 - 1)
    fe_sqn(&t, &z100_0, 100);
    fe_mul(&t, &t, &z100_0);       // z^(2^200 - 1)
    fe_sqn(&t, &t, 50);
    fe_mul(z250, &t, &z50_0);      // z^(2^250 - 1)
}

// h = z^(p - 2) = z^(2^255 - 21) = 1/z (and 0 for z = 0).
static inline void fe_invert(fe *h, const fe *z) {
    fe z250, z11;
    fe_pow2_250_1(&z250, &z11, z);
    fe_sqn(&z250, &z250, 5);       // z^(2^255 - 32)
    fe_mul(h, &z250, &z11);        // z^(2^255 - 21)
}

// h = z^((p - 5) / 8) = z^(2^252 - 3): the exponent of RFC 8032's square root.
static inline void fe_pow22523(fe *h, const fe *z) {
    fe z250, z11;
    fe_pow2_250_1(&z250, &z11, z);
    fe_sqn(&z250, &z250, 2);       // z^(2^252 - 4)
    fe_mul(h, &z250, z);           // z^(2^252 - 3)
}

#endif
