// Arithmetic modulo the Ed25519 group order L by Barrett reduction
// (Menezes, van Oorschot, Vanstone, Handbook of Applied Cryptography,
// algorithm 14.42, with base b = 2^64 and k = 4): hashes are 512-bit numbers
// reduced modulo L, and a signature's S is r + k a modulo L. Branch-free:
// the final corrections are masked subtractions, so signing leaks nothing
// about its secret scalars through timing.
#include "sc25519.h"

typedef unsigned __int128 u128;

static const uint64_t L[4] = {
    0x5812631a5cf5d3edULL, 0x14def9dea2f79cd6ULL, 0x0000000000000000ULL, 0x1000000000000000ULL,
};

// mu = floor(2^512 / L), five words (it is just over 2^259).
static const uint64_t MU[5] = {
    0xed9ce5a30a2c131bULL, 0x2106215d086329a7ULL, 0xffffffffffffffebULL, 0xffffffffffffffffULL,
    0x000000000000000fULL,
};

// out[0 .. n+m) = a[0 .. n) * b[0 .. m), schoolbook.
static void mul_words(uint64_t *out, const uint64_t *a, int n, const uint64_t *b, int m) {
    for (int i = 0; i < n + m; i++) out[i] = 0;
    for (int i = 0; i < n; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < m; j++) {
            u128 t = (u128)a[i] * b[j] + out[i + j] + carry;
            out[i + j] = (uint64_t)t;
            carry = (uint64_t)(t >> 64);
        }
        out[i + m] = carry;
    }
}

// r (five words) -= L when r >= L, without branching on r.
static void subtract_l_if_not_less(uint64_t r[5]) {
    uint64_t t[5], borrow = 0;
    for (int i = 0; i < 5; i++) {
        uint64_t li = i < 4 ? L[i] : 0;
        u128 d = (u128)r[i] - li - borrow;
        t[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    // borrow = 1: r < L, keep r; borrow = 0: take r - L.
    uint64_t keep = (uint64_t)0 - borrow;
    for (int i = 0; i < 5; i++) r[i] = (r[i] & keep) | (t[i] & ~keep);
}

void sc_reduce512(uint64_t out[4], const uint64_t x[8]) {
    // q1 = floor(x / b^(k-1)), q3 = floor(q1 mu / b^(k+1)).
    uint64_t q2[10], q3[5], r2[9], r[5];
    mul_words(q2, x + 3, 5, MU, 5);
    for (int i = 0; i < 5; i++) q3[i] = q2[5 + i];
    // r = (x mod b^(k+1)) - (q3 L mod b^(k+1)), modulo b^(k+1).
    mul_words(r2, q3, 5, L, 4);
    uint64_t borrow = 0;
    for (int i = 0; i < 5; i++) {
        u128 d = (u128)x[i] - r2[i] - borrow;
        r[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    // HAC 14.42: now 0 <= r < 3L, so at most two subtractions remain.
    subtract_l_if_not_less(r);
    subtract_l_if_not_less(r);
    for (int i = 0; i < 4; i++) out[i] = r[i];
}

void sc_muladd(uint64_t out[4], const uint64_t a[4], const uint64_t b[4], const uint64_t c[4]) {
    uint64_t x[8];
    mul_words(x, a, 4, b, 4);
    // a b < 2^512 - 2^257 + 1 and c < 2^256, so the sum fits in eight words.
    uint64_t carry = 0;
    for (int i = 0; i < 8; i++) {
        u128 t = (u128)x[i] + (i < 4 ? c[i] : 0) + carry;
        x[i] = (uint64_t)t;
        carry = (uint64_t)(t >> 64);
    }
    sc_reduce512(out, x);
}

int sc_is_canonical_vartime(const uint8_t s[32]) {
    uint64_t w[4];
    sc_from_bytes(w, s, 4);
    for (int i = 3; i >= 0; i--) {
        if (w[i] < L[i]) return 1;
        if (w[i] > L[i]) return 0;
    }
    return 0;   // s == L
}

void sc_from_bytes(uint64_t *words, const uint8_t *bytes, int word_count) {
    for (int i = 0; i < word_count; i++) {
        uint64_t w = 0;
        for (int j = 7; j >= 0; j--) w = (w << 8) | bytes[8 * i + j];
        words[i] = w;
    }
}

void sc_to_bytes(uint8_t out[32], const uint64_t s[4]) {
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++) out[8 * i + j] = (uint8_t)(s[i] >> (8 * j));
}
