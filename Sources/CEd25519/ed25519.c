// Ed25519 (RFC 8032 section 5.1): key generation, signing and strict
// verification, on the field and group code of fe25519.h and ge25519.h.
//
// Verification computes [S]B - [k]A with a double-scalar multiplication in
// variable time (width-5 wNAF for A, width-8 wNAF over a table of odd
// multiples of B) and compares the canonical encoding of the result with R
// byte for byte, which refuses every non-canonical or off-curve R. A prepared
// key (checked once, with odd multiples of 2^(64 j) (-A) for j < 4) lets
// verification cut S and k into 64-bit quarters: the same sum, a quarter of
// the doublings (README.md, "Prepared keys"). Signing
// and key derivation multiply the base point in constant time: signed radix-16
// digits, a table of (j+1) 256^i B, and masked selection (Bernstein, Duif,
// Lange, Schwabe, Yang, "High-speed high-security signatures", 2011, section 4).
//
// The curve constants and the tables are computed on first use, once, under
// pthread_once, from the encoding of B; afterwards they are only read, so any
// number of threads may verify at once. Each table is computed only when a
// function needs it: a process that checks one signature (a signed append
// checks the agent's) builds the verification table alone, not signing's or
// the prepared keys' (about a sixth of the work of all three).
#include "ced25519.h"
#include "ge25519.h"
#include "sc25519.h"
#include <pthread.h>
#include <string.h>

// MARK: Constants and tables

static struct {
    fe d;                        // -121665 / 121666
    fe d2;                       // 2d
    fe sqrtm1;                   // a square root of -1
    ge_niels base_odd[64];       // (2i + 1) B: verification's wNAF digits
    ge_niels base_odd_quarters[3][64];  // (2i + 1) 2^(64 j) B, j = 1, 2, 3: the same for S's upper quarters (prepared keys)
    ge_niels base_comb[32][8];   // (j + 1) 256^i B: signing's radix-16 digits
} tables;

static pthread_once_t basics_once = PTHREAD_ONCE_INIT, quarters_once = PTHREAD_ONCE_INIT, comb_once = PTHREAD_ONCE_INIT;

// The encoding of the base point B (y = 4/5, x even), RFC 8032 section 5.1.
static const uint8_t base_point_bytes[32] = {
    0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
    0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
};

static void wipe(void *p, size_t n) {
    volatile uint8_t *v = (volatile uint8_t *)p;
    while (n--) *v++ = 0;
}

// MARK: Decoding (variable time: only public keys and B are decoded)

// RFC 8032 section 5.1.3, strict: y must be canonical (below p), the point
// must be on the curve, and x = 0 must not come with the sign bit set.
static int ge_frombytes_vartime(ge_p3 *h, const uint8_t s[32]) {
    fe one, u, v, v3, x, vxx, check;
    uint8_t canonical[32];
    fe_frombytes(&h->Y, s);
    fe_tobytes(canonical, &h->Y);
    if (memcmp(canonical, s, 31) != 0 || canonical[31] != (s[31] & 0x7f)) return 0;
    fe_one(&one);
    fe_one(&h->Z);
    fe_sq(&u, &h->Y);
    fe_mul(&v, &u, &tables.d);
    fe_sub(&u, &u, &one);
    fe_carry(&u, &u);                       // u = y^2 - 1
    fe_add(&v, &v, &one);                   // v = d y^2 + 1
    // x = u v^3 (u v^7)^((p - 5) / 8): a square root of u/v, or of -u/v.
    fe_sq(&v3, &v);
    fe_mul(&v3, &v3, &v);
    fe_sq(&x, &v3);
    fe_mul(&x, &x, &v);
    fe_mul(&x, &x, &u);
    fe_pow22523(&x, &x);
    fe_mul(&x, &x, &v3);
    fe_mul(&x, &x, &u);
    fe_sq(&vxx, &x);
    fe_mul(&vxx, &vxx, &v);
    fe_sub(&check, &vxx, &u);
    if (!fe_iszero(&check)) {
        fe_add(&check, &vxx, &u);
        if (!fe_iszero(&check)) return 0;   // u/v is not a square: not on the curve
        fe_mul(&x, &x, &tables.sqrtm1);
    }
    int sign = s[31] >> 7;
    if (sign && fe_iszero(&x)) return 0;
    if (fe_isodd(&x) != sign) {
        fe_neg(&x, &x);
        fe_carry(&x, &x);
    }
    h->X = x;
    fe_mul(&h->T, &h->X, &h->Y);
    return 1;
}

// 1 when [8]P is the identity: P is one of the eight points of small order.
static int ge_has_small_order_vartime(const ge_p3 *p) {
    ge_p1p1 t;
    ge_p2 q;
    ge_p3_to_p2(&q, p);
    for (int i = 0; i < 3; i++) {
        ge_p2_dbl(&t, &q);
        ge_p1p1_to_p2(&q, &t);
    }
    fe y_minus_z;
    fe_sub(&y_minus_z, &q.Y, &q.Z);
    return fe_iszero(&q.X) && fe_iszero(&y_minus_z);
}

static int decode_public_key(ge_p3 *a, const uint8_t public_key[32]) {
    return ge_frombytes_vartime(a, public_key) && !ge_has_small_order_vartime(a);
}

// -A for a key A that decode_public_key accepts (both checks subtract [k]A).
static int decode_negated_public_key(ge_p3 *minus_a, const uint8_t public_key[32]) {
    if (!decode_public_key(minus_a, public_key)) return 0;
    fe_neg(&minus_a->X, &minus_a->X);
    fe_carry(&minus_a->X, &minus_a->X);
    fe_neg(&minus_a->T, &minus_a->T);
    fe_carry(&minus_a->T, &minus_a->T);
    return 1;
}

// MARK: Table construction (once)

// Affine precomputed forms of n <= 64 points, with one field inversion
// for all of them (Montgomery's simultaneous inversion).
static void ge_p3_batch_to_niels(ge_niels *out, const ge_p3 *in, int n) {
    fe prefix[64], inverse, zinv, x, y, t;
    prefix[0] = in[0].Z;
    for (int i = 1; i < n; i++) fe_mul(&prefix[i], &prefix[i - 1], &in[i].Z);
    fe_invert(&inverse, &prefix[n - 1]);
    for (int i = n - 1; i >= 0; i--) {
        if (i > 0) {
            fe_mul(&zinv, &inverse, &prefix[i - 1]);
            fe_mul(&inverse, &inverse, &in[i].Z);
        } else {
            zinv = inverse;
        }
        fe_mul(&x, &in[i].X, &zinv);
        fe_mul(&y, &in[i].Y, &zinv);
        fe_add(&t, &y, &x);
        fe_carry(&out[i].yplusx, &t);
        fe_sub(&t, &y, &x);
        fe_carry(&out[i].yminusx, &t);
        fe_mul(&t, &x, &y);
        fe_mul(&out[i].xy2d, &t, &tables.d2);
    }
}

static void add_p3(ge_p3 *r, const ge_p3 *p, const ge_p3 *q) {
    ge_cached c;
    ge_p1p1 t;
    ge_p3_to_cached(&c, q, &tables.d2);
    ge_add(&t, p, &c);
    ge_p1p1_to_p3(r, &t);
}

// out[i] = (2i + 1) P in affine form, for i < n <= 64.
static void odd_multiples(ge_niels *out, const ge_p3 *p, int n) {
    ge_p3 points[64], twice;
    ge_p1p1 t;
    points[0] = *p;
    ge_p3_dbl(&t, p);
    ge_p1p1_to_p3(&twice, &t);
    for (int i = 1; i < n; i++) add_p3(&points[i], &points[i - 1], &twice);
    ge_p3_batch_to_niels(out, points, n);
}

// r = [2^times] p.
static void ge_p3_double_times(ge_p3 *r, const ge_p3 *p, int times) {
    ge_p1p1 t;
    *r = *p;
    for (int i = 0; i < times; i++) {
        ge_p3_dbl(&t, r);
        ge_p1p1_to_p3(r, &t);
    }
}

// d, 2d, sqrt(-1) and the odd multiples of B: what decoding and verifying need.
static void compute_basics(void) {
    fe num, den, two, t;
    // d = -121665 / 121666.
    fe_zero(&num); num.v[0] = 121665;
    fe_neg(&num, &num);
    fe_zero(&den); den.v[0] = 121666;
    fe_invert(&den, &den);
    fe_mul(&tables.d, &num, &den);
    fe_add(&t, &tables.d, &tables.d);
    fe_carry(&tables.d2, &t);
    // sqrt(-1) = 2^((p - 1) / 4) = (2^((p - 5) / 8))^2 * 2, since 2 is not a square mod p.
    fe_zero(&two); two.v[0] = 2;
    fe_pow22523(&t, &two);
    fe_sq(&t, &t);
    fe_mul(&tables.sqrtm1, &t, &two);

    ge_p3 b, points[64], step;
    ge_p1p1 r;
    ge_frombytes_vartime(&b, base_point_bytes);

    // Odd multiples B, 3B, ..., 127B.
    ge_p3_dbl(&r, &b);
    ge_p1p1_to_p3(&step, &r);
    points[0] = b;
    for (int i = 1; i < 64; i++) add_p3(&points[i], &points[i - 1], &step);
    ge_p3_batch_to_niels(tables.base_odd, points, 64);
}

static void ensure_basics(void) { pthread_once(&basics_once, compute_basics); }

// The odd multiples of 2^64 B, 2^128 B and 2^192 B: prepared keys' checks.
static void compute_quarters(void) {
    ensure_basics();
    ge_p3 b;
    ge_frombytes_vartime(&b, base_point_bytes);
    ge_p3 quarter = b;
    for (int j = 0; j < 3; j++) {
        ge_p3_double_times(&quarter, &quarter, 64);
        odd_multiples(tables.base_odd_quarters[j], &quarter, 64);
    }
}

// The rows of (j + 1) 256^i B: signing and key derivation.
static void compute_comb(void) {
    ensure_basics();
    ge_p3 b, points[64];
    ge_p1p1 r;
    ge_frombytes_vartime(&b, base_point_bytes);
    // Eight rows (64 points) per batch.
    ge_p3 row_base = b;
    for (int chunk = 0; chunk < 4; chunk++) {
        for (int row = 0; row < 8; row++) {
            ge_p3 *entry = &points[8 * row];
            entry[0] = row_base;
            for (int j = 1; j < 8; j++) add_p3(&entry[j], &entry[j - 1], &row_base);
            for (int k = 0; k < 8; k++) {   // row_base *= 256
                ge_p3_dbl(&r, &row_base);
                ge_p1p1_to_p3(&row_base, &r);
            }
        }
        ge_p3_batch_to_niels(&tables.base_comb[8 * chunk][0], points, 64);
    }
}

static void ensure_quarters(void) { pthread_once(&quarters_once, compute_quarters); }
static void ensure_comb(void) { pthread_once(&comb_once, compute_comb); }

// MARK: Variable-time double-scalar multiplication (verification)

// Width-w non-adjacent form of a scalar below 2^253: odd digits in
// (-2^(w-1), 2^(w-1)), each nonzero digit followed by at least w - 1 zeros.
// A negative digit borrows 2^w from the next window (carry). For scalars
// below 2^253 a carry can only arise below bit 254 - w, so 256 digits suffice;
// a scalar below 2^n needs n + 1 (the last for a carry out of the top), and
// only the first `digits` positions are scanned (the rest stay zero).
static void wnaf_vartime(int8_t naf[256], const uint8_t s[32], int w, int digits) {
    uint64_t words[5];
    sc_from_bytes(words, s, 4);
    words[4] = 0;
    memset(naf, 0, 256);
    const uint64_t width = (uint64_t)1 << w, mask = width - 1;
    uint64_t carry = 0;
    int pos = 0;
    while (pos < digits) {
        int index = pos / 64, bit = pos % 64;
        uint64_t bits = bit == 0 ? words[index] : (words[index] >> bit) | (words[index + 1] << (64 - bit));
        uint64_t window = carry + (bits & mask);
        if ((window & 1) == 0) {
            pos += 1;
            continue;
        }
        if (window < width / 2) {
            carry = 0;
            naf[pos] = (int8_t)window;
        } else {
            carry = 1;
            naf[pos] = (int8_t)((int64_t)window - (int64_t)width);
        }
        pos += w;
    }
}

// r = [a]A + [b]B for scalars a, b below 2^253.
static void ge_double_scalarmult_vartime(ge_p2 *r, const uint8_t a[32], const ge_p3 *A, const uint8_t b[32]) {
    int8_t anaf[256], bnaf[256];
    ge_cached odd_a[8];   // A, 3A, ..., 15A
    ge_p1p1 t;
    ge_p3 u, a2;
    wnaf_vartime(anaf, a, 5, 256);
    wnaf_vartime(bnaf, b, 8, 256);
    ge_p3_to_cached(&odd_a[0], A, &tables.d2);
    ge_p3_dbl(&t, A);
    ge_p1p1_to_p3(&a2, &t);
    for (int i = 1; i < 8; i++) {
        ge_add(&t, &a2, &odd_a[i - 1]);
        ge_p1p1_to_p3(&u, &t);
        ge_p3_to_cached(&odd_a[i], &u, &tables.d2);
    }

    ge_p2_identity(r);
    int i = 255;
    while (i >= 0 && anaf[i] == 0 && bnaf[i] == 0) i--;
    for (; i >= 0; i--) {
        ge_p2_dbl(&t, r);
        if (anaf[i] > 0) {
            ge_p1p1_to_p3(&u, &t);
            ge_add(&t, &u, &odd_a[anaf[i] / 2]);
        } else if (anaf[i] < 0) {
            ge_p1p1_to_p3(&u, &t);
            ge_sub(&t, &u, &odd_a[-anaf[i] / 2]);
        }
        if (bnaf[i] > 0) {
            ge_p1p1_to_p3(&u, &t);
            ge_madd(&t, &u, &tables.base_odd[bnaf[i] / 2]);
        } else if (bnaf[i] < 0) {
            ge_p1p1_to_p3(&u, &t);
            ge_msub(&t, &u, &tables.base_odd[-bnaf[i] / 2]);
        }
        ge_p1p1_to_p2(r, &t);
    }
}

// The four 64-bit quarters of a 256-bit little-endian scalar, each as a scalar.
static void split_scalar(uint8_t quarters[4][32], const uint8_t s[32]) {
    memset(quarters, 0, 4 * 32);
    for (int j = 0; j < 4; j++) memcpy(quarters[j], s + 8 * j, 8);
}

// r = [a]P + [b]B for a prepared P: with a = a0 + 2^64 a1 + 2^128 a2 + 2^192 a3
// (and b alike), r = sum over j of [aj](2^(64 j) P) + [bj](2^(64 j) B): eight
// 64-bit scalars sharing a quarter of the doublings of [a]P + [b]B.
// odd_p[j][i] = (2i + 1) 2^(64 j) P in affine form, for a width-`wa` wNAF.
static void ge_double_scalarmult_prepared_vartime(ge_p2 *r, const uint8_t a[32], const ge_niels *const odd_p[4], int wa,
                                                  const uint8_t b[32]) {
    int8_t naf[8][256];
    uint8_t quarters[4][32];
    split_scalar(quarters, a);
    for (int j = 0; j < 4; j++) wnaf_vartime(naf[j], quarters[j], wa, 65);
    split_scalar(quarters, b);
    for (int j = 0; j < 4; j++) wnaf_vartime(naf[4 + j], quarters[j], 8, 65);
    const ge_niels *odd[8] = {odd_p[0], odd_p[1], odd_p[2], odd_p[3], tables.base_odd,
                              tables.base_odd_quarters[0], tables.base_odd_quarters[1], tables.base_odd_quarters[2]};
    ge_p1p1 t;
    ge_p3 u;
    ge_p2_identity(r);
    // A 64-bit scalar's wNAF has at most 65 digits.
    int i = 64;
    for (;;) {
        int any = 0;
        for (int j = 0; j < 8; j++) any |= naf[j][i];
        if (any || i < 0) break;
        i--;
    }
    for (; i >= 0; i--) {
        ge_p2_dbl(&t, r);
        for (int j = 0; j < 8; j++) {
            int digit = naf[j][i];
            if (digit > 0) {
                ge_p1p1_to_p3(&u, &t);
                ge_madd(&t, &u, &odd[j][digit / 2]);
            } else if (digit < 0) {
                ge_p1p1_to_p3(&u, &t);
                ge_msub(&t, &u, &odd[j][-digit / 2]);
            }
        }
        ge_p1p1_to_p2(r, &t);
    }
}

// MARK: Constant-time base-point multiplication (keys and signing)

static uint64_t ct_equal(uint32_t a, uint32_t b) { return ((uint64_t)(a ^ b) - 1) >> 63; }

// t = digit * 256^row * B for a digit in [-8, 8], reading every table entry.
static void select_base(ge_niels *t, int row, int8_t digit) {
    uint64_t negative = (uint64_t)((int64_t)digit) >> 63;
    uint32_t mask = (uint32_t)0 - (uint32_t)negative;
    uint32_t magnitude = ((uint32_t)(int32_t)digit ^ mask) + (uint32_t)negative;
    ge_niels_identity(t);
    for (uint32_t j = 1; j <= 8; j++) {
        uint64_t hit = ct_equal(magnitude, j);
        fe_cmov(&t->yplusx, &tables.base_comb[row][j - 1].yplusx, hit);
        fe_cmov(&t->yminusx, &tables.base_comb[row][j - 1].yminusx, hit);
        fe_cmov(&t->xy2d, &tables.base_comb[row][j - 1].xy2d, hit);
    }
    ge_niels minus;
    minus.yplusx = t->yminusx;
    minus.yminusx = t->yplusx;
    fe_neg(&minus.xy2d, &t->xy2d);
    fe_cmov(&t->yplusx, &minus.yplusx, negative);
    fe_cmov(&t->yminusx, &minus.yminusx, negative);
    fe_cmov(&t->xy2d, &minus.xy2d, negative);
}

// h = [a]B for a 32-byte scalar a below 2^255, in constant time.
static void ge_scalarmult_base(ge_p3 *h, const uint8_t a[32]) {
    int8_t e[64];
    for (int i = 0; i < 32; i++) {
        e[2 * i] = (int8_t)(a[i] & 15);
        e[2 * i + 1] = (int8_t)(a[i] >> 4);
    }
    // Recode to signed digits in [-8, 8): a = sum e[i] 16^i (the last one may be 8).
    int8_t carry = 0;
    for (int i = 0; i < 63; i++) {
        e[i] = (int8_t)(e[i] + carry);
        carry = (int8_t)((e[i] + 8) >> 4);   // e[i] + 8 >= 8: no negative shift
        e[i] = (int8_t)(e[i] - (carry << 4));
    }
    e[63] = (int8_t)(e[63] + carry);

    ge_niels t;
    ge_p1p1 r;
    ge_p2 s;
    ge_p3_identity(h);
    // Odd digits: sum e[2i+1] 256^i B, then times 16.
    for (int i = 1; i < 64; i += 2) {
        select_base(&t, i / 2, e[i]);
        ge_madd(&r, h, &t);
        ge_p1p1_to_p3(h, &r);
    }
    ge_p3_dbl(&r, h);
    ge_p1p1_to_p2(&s, &r);
    ge_p2_dbl(&r, &s);
    ge_p1p1_to_p2(&s, &r);
    ge_p2_dbl(&r, &s);
    ge_p1p1_to_p2(&s, &r);
    ge_p2_dbl(&r, &s);
    ge_p1p1_to_p3(h, &r);
    // Even digits: plus sum e[2i] 256^i B.
    for (int i = 0; i < 64; i += 2) {
        select_base(&t, i / 2, e[i]);
        ge_madd(&r, h, &t);
        ge_p1p1_to_p3(h, &r);
    }
    wipe(e, sizeof e);
}

// MARK: The public functions

// SHA-512(prefix || more || message) reduced modulo L, as four words.
static void hash_to_scalar(uint64_t out[4], const uint8_t *prefix, size_t prefix_length,
                           const uint8_t *more, size_t more_length, const uint8_t *message, size_t length) {
    ced25519_sha512_ctx ctx;
    uint8_t digest[64];
    uint64_t words[8];
    ced25519_sha512_init(&ctx);
    ced25519_sha512_update(&ctx, prefix, prefix_length);
    ced25519_sha512_update(&ctx, more, more_length);
    ced25519_sha512_update(&ctx, message, length);
    ced25519_sha512_final(&ctx, digest);
    sc_from_bytes(words, digest, 8);
    sc_reduce512(out, words);
    wipe(digest, sizeof digest);
    wipe(words, sizeof words);
    wipe(&ctx, sizeof ctx);
}

int ced25519_verify(const uint8_t signature[64], const uint8_t *message, size_t length,
                    const uint8_t public_key[32]) {
    ensure_basics();
    // RFC 8032 section 5.1.7, step 1: S must be in [0, L).
    if (!sc_is_canonical_vartime(signature + 32)) return 0;
    ge_p3 minus_a;
    if (!decode_negated_public_key(&minus_a, public_key)) return 0;
    // Step 2: k = SHA-512(R || A || M) mod L.
    uint64_t k[4];
    uint8_t k_bytes[32];
    hash_to_scalar(k, signature, 32, public_key, 32, message, length);
    sc_to_bytes(k_bytes, k);
    // Step 3, cofactorless: [S]B - [k]A must encode exactly as R.
    ge_p2 r;
    uint8_t r_check[32];
    ge_double_scalarmult_vartime(&r, k_bytes, &minus_a, signature + 32);
    ge_p2_tobytes(r_check, &r);
    return memcmp(r_check, signature, 32) == 0;
}

// MARK: Prepared keys (a key checked and its multiples computed once, for many signatures)

// The prepared key's wNAF width: 16 odd multiples of each of -A, 2^64 (-A),
// 2^128 (-A) and 2^192 (-A).
#define PREPARED_WIDTH 6
enum { prepared_entries = 1 << (PREPARED_WIDTH - 2) };
_Static_assert(sizeof(((ced25519_prepared_key *)0)->table) == 4 * sizeof(ge_niels) * prepared_entries,
               "ced25519_prepared_key holds the four tables of odd multiples");

int ced25519_prepare_key(ced25519_prepared_key *prepared, const uint8_t public_key[32]) {
    ensure_basics();
    memset(prepared, 0, sizeof *prepared);
    ge_p3 minus_a;
    if (!decode_negated_public_key(&minus_a, public_key)) return 0;
    // The four tables' points in one batch: one inversion for all.
    ge_p3 points[4 * prepared_entries], quarter = minus_a, twice;
    ge_p1p1 t;
    for (int j = 0; j < 4; j++) {
        if (j > 0) ge_p3_double_times(&quarter, &quarter, 64);
        ge_p3 *row = points + j * prepared_entries;
        row[0] = quarter;
        ge_p3_dbl(&t, &quarter);
        ge_p1p1_to_p3(&twice, &t);
        for (int i = 1; i < prepared_entries; i++) add_p3(&row[i], &row[i - 1], &twice);
    }
    ge_p3_batch_to_niels((ge_niels *)prepared->table, points, 4 * prepared_entries);
    memcpy(prepared->public_key, public_key, 32);
    prepared->valid = 1;
    return 1;
}

int ced25519_verify_prepared(const uint8_t signature[64], const uint8_t *message, size_t length,
                             const ced25519_prepared_key *prepared) {
    ensure_quarters();
    // The same steps as ced25519_verify; the key was checked when prepared.
    if (!prepared->valid) return 0;
    if (!sc_is_canonical_vartime(signature + 32)) return 0;
    uint64_t k[4];
    uint8_t k_bytes[32];
    hash_to_scalar(k, signature, 32, prepared->public_key, 32, message, length);
    sc_to_bytes(k_bytes, k);
    ge_p2 r;
    uint8_t r_check[32];
    const ge_niels *table = (const ge_niels *)prepared->table;
    const ge_niels *const odd[4] = {table, table + prepared_entries, table + 2 * prepared_entries, table + 3 * prepared_entries};
    ge_double_scalarmult_prepared_vartime(&r, k_bytes, odd, PREPARED_WIDTH, signature + 32);
    ge_p2_tobytes(r_check, &r);
    return memcmp(r_check, signature, 32) == 0;
}

int ced25519_public_key_is_valid(const uint8_t public_key[32]) {
    ensure_basics();
    ge_p3 a;
    return decode_public_key(&a, public_key);
}

// The secret scalar and the nonce prefix of a seed (RFC 8032 section 5.1.5).
static void expand_seed(uint8_t expanded[64], const uint8_t seed[32]) {
    ced25519_sha512(expanded, seed, 32);
    expanded[0] &= 248;
    expanded[31] &= 127;
    expanded[31] |= 64;
}

void ced25519_public_key(uint8_t public_key[32], const uint8_t seed[32]) {
    ensure_comb();
    uint8_t expanded[64];
    ge_p3 a;
    expand_seed(expanded, seed);
    ge_scalarmult_base(&a, expanded);
    ge_p3_tobytes(public_key, &a);
    wipe(expanded, sizeof expanded);
    wipe(&a, sizeof a);
}

void ced25519_sign(uint8_t signature[64], const uint8_t *message, size_t length,
                   const uint8_t seed[32]) {
    ensure_comb();
    uint8_t expanded[64], public_key[32], r_bytes[32];
    uint64_t a[4], r[4], k[4], s[4];
    ge_p3 point;
    expand_seed(expanded, seed);
    sc_from_bytes(a, expanded, 4);
    ge_scalarmult_base(&point, expanded);
    ge_p3_tobytes(public_key, &point);
    // r = SHA-512(prefix || M) mod L; R = [r]B.
    hash_to_scalar(r, expanded + 32, 32, NULL, 0, message, length);
    sc_to_bytes(r_bytes, r);
    ge_scalarmult_base(&point, r_bytes);
    ge_p3_tobytes(signature, &point);
    // k = SHA-512(R || A || M) mod L; S = (r + k a) mod L.
    hash_to_scalar(k, signature, 32, public_key, 32, message, length);
    sc_muladd(s, k, a, r);
    sc_to_bytes(signature + 32, s);
    wipe(expanded, sizeof expanded);
    wipe(a, sizeof a);
    wipe(r, sizeof r);
    wipe(r_bytes, sizeof r_bytes);
    wipe(&point, sizeof point);
}

void ced25519_scalar_reduce(uint8_t out[32], const uint8_t in[64]) {
    uint64_t x[8], r[4];
    sc_from_bytes(x, in, 8);
    sc_reduce512(r, x);
    sc_to_bytes(out, r);
}

void ced25519_scalar_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32],
                            const uint8_t c[32]) {
    uint64_t wa[4], wb[4], wc[4], r[4];
    sc_from_bytes(wa, a, 4);
    sc_from_bytes(wb, b, 4);
    sc_from_bytes(wc, c, 4);
    sc_muladd(r, wa, wb, wc);
    sc_to_bytes(out, r);
}
