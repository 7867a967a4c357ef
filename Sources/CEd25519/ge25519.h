// The twisted Edwards curve of Ed25519, -x^2 + y^2 = 1 + d x^2 y^2 over
// GF(2^255 - 19), in the coordinates of Hisil, Wong, Carter and Dawson,
// "Twisted Edwards Curves Revisited" (ASIACRYPT 2008), section 3.1 (a = -1):
//
//   ge_p3     extended (X : Y : Z : T), x = X/Z, y = Y/Z, xy = T/Z
//   ge_p2     projective (X : Y : Z): enough to double
//   ge_p1p1   "completed" ((X : Z), (Y : T)), x = X/Z, y = Y/T: what an
//             addition or doubling yields before its last multiplications
//   ge_cached a point ready to be added: (Y+X, Y-X, 2Z, 2dT)
//   ge_niels  an affine point ready to be added: (y+x, y-x, 2dxy), Z = 1
//
// Internal to CEd25519. Limb bounds are those of fe25519.h.
#ifndef GE25519_H
#define GE25519_H

#include "fe25519.h"

typedef struct { fe X, Y, Z, T; } ge_p3;
typedef struct { fe X, Y, Z; } ge_p2;
typedef struct { fe X, Y, Z, T; } ge_p1p1;
typedef struct { fe YplusX, YminusX, Z2, T2d; } ge_cached;
typedef struct { fe yplusx, yminusx, xy2d; } ge_niels;

static inline void ge_p2_identity(ge_p2 *r) { fe_zero(&r->X); fe_one(&r->Y); fe_one(&r->Z); }

static inline void ge_p3_identity(ge_p3 *r) {
    fe_zero(&r->X); fe_one(&r->Y); fe_one(&r->Z); fe_zero(&r->T);
}

static inline void ge_niels_identity(ge_niels *r) {
    fe_one(&r->yplusx); fe_one(&r->yminusx); fe_zero(&r->xy2d);
}

static inline void ge_p1p1_to_p2(ge_p2 *r, const ge_p1p1 *p) {
    fe_mul(&r->X, &p->X, &p->T);
    fe_mul(&r->Y, &p->Y, &p->Z);
    fe_mul(&r->Z, &p->Z, &p->T);
}

static inline void ge_p1p1_to_p3(ge_p3 *r, const ge_p1p1 *p) {
    fe_mul(&r->X, &p->X, &p->T);
    fe_mul(&r->Y, &p->Y, &p->Z);
    fe_mul(&r->Z, &p->Z, &p->T);
    fe_mul(&r->T, &p->X, &p->Y);
}

static inline void ge_p3_to_p2(ge_p2 *r, const ge_p3 *p) {
    r->X = p->X; r->Y = p->Y; r->Z = p->Z;
}

// `d2` is 2d, the curve constant doubled.
static inline void ge_p3_to_cached(ge_cached *r, const ge_p3 *p, const fe *d2) {
    fe_add(&r->YplusX, &p->Y, &p->X);
    fe_sub(&r->YminusX, &p->Y, &p->X);
    fe_add(&r->Z2, &p->Z, &p->Z);
    fe_mul(&r->T2d, &p->T, d2);
}

// Doubling (dbl-2008-hwcd with a = -1), both results negated, which leaves
// the point unchanged and saves a subtraction:
//   XX = X^2, YY = Y^2, B = 2Z^2, S = (X+Y)^2
//   x' = (XX + YY - S) / (XX - YY),  y' = (XX + YY) / (2Z^2 + XX - YY)
static inline void ge_p2_dbl(ge_p1p1 *r, const ge_p2 *p) {
    fe xx, yy, b, s, xy;
    fe_sq(&xx, &p->X);
    fe_sq(&yy, &p->Y);
    fe_sq(&b, &p->Z);
    fe_add(&b, &b, &b);             // < 2^52
    fe_add(&xy, &p->X, &p->Y);      // inputs reduced, so < 2^52
    fe_sq(&s, &xy);
    fe_add(&r->Y, &xx, &yy);        // < 2^52
    fe_sub(&r->X, &r->Y, &s);       // < 2^52 + 2^53
    fe_sub(&r->Z, &xx, &yy);        // < 2^51 + 2^53
    fe_add(&r->T, &b, &r->Z);       // < 2^52 + 2^51 + 2^53 < 2^54
}

static inline void ge_p3_dbl(ge_p1p1 *r, const ge_p3 *p) {
    ge_p2 q;
    ge_p3_to_p2(&q, p);
    ge_p2_dbl(r, &q);
}

// Addition (add-2008-hwcd-3 with a = -1, k = 2d):
//   A = (Y1-X1)(Y2-X2), B = (Y1+X1)(Y2+X2), C = T1 2d T2, D = Z1 2Z2
//   x3 = (B - A) / (D + C), y3 = (B + A) / (D - C)
static inline void ge_add(ge_p1p1 *r, const ge_p3 *p, const ge_cached *q) {
    fe a, b, c, d, t;
    fe_sub(&t, &p->Y, &p->X);
    fe_mul(&a, &t, &q->YminusX);
    fe_add(&t, &p->Y, &p->X);
    fe_mul(&b, &t, &q->YplusX);
    fe_mul(&c, &p->T, &q->T2d);
    fe_mul(&d, &p->Z, &q->Z2);
    fe_sub(&r->X, &b, &a);
    fe_add(&r->Y, &b, &a);
    fe_add(&r->Z, &d, &c);
    fe_sub(&r->T, &d, &c);
}

// p - q: q negated is (Y-X, Y+X, 2Z, -2dT).
static inline void ge_sub(ge_p1p1 *r, const ge_p3 *p, const ge_cached *q) {
    fe a, b, c, d, t;
    fe_sub(&t, &p->Y, &p->X);
    fe_mul(&a, &t, &q->YplusX);
    fe_add(&t, &p->Y, &p->X);
    fe_mul(&b, &t, &q->YminusX);
    fe_mul(&c, &p->T, &q->T2d);
    fe_mul(&d, &p->Z, &q->Z2);
    fe_sub(&r->X, &b, &a);
    fe_add(&r->Y, &b, &a);
    fe_sub(&r->Z, &d, &c);
    fe_add(&r->T, &d, &c);
}

// Mixed addition with an affine point (Z2 = 1, so D = 2 Z1).
static inline void ge_madd(ge_p1p1 *r, const ge_p3 *p, const ge_niels *q) {
    fe a, b, c, d, t;
    fe_sub(&t, &p->Y, &p->X);
    fe_mul(&a, &t, &q->yminusx);
    fe_add(&t, &p->Y, &p->X);
    fe_mul(&b, &t, &q->yplusx);
    fe_mul(&c, &p->T, &q->xy2d);
    fe_add(&d, &p->Z, &p->Z);
    fe_sub(&r->X, &b, &a);
    fe_add(&r->Y, &b, &a);
    fe_add(&r->Z, &d, &c);
    fe_sub(&r->T, &d, &c);
}

static inline void ge_msub(ge_p1p1 *r, const ge_p3 *p, const ge_niels *q) {
    fe a, b, c, d, t;
    fe_sub(&t, &p->Y, &p->X);
    fe_mul(&a, &t, &q->yplusx);
    fe_add(&t, &p->Y, &p->X);
    fe_mul(&b, &t, &q->yminusx);
    fe_mul(&c, &p->T, &q->xy2d);
    fe_add(&d, &p->Z, &p->Z);
    fe_sub(&r->X, &b, &a);
    fe_add(&r->Y, &b, &a);
    fe_sub(&r->Z, &d, &c);
    fe_add(&r->T, &d, &c);
}

// The canonical encoding (RFC 8032 section 5.1.2): y, and the low bit of x
// in the top bit.
static inline void ge_p2_tobytes(uint8_t s[32], const ge_p2 *p) {
    fe zi, x, y;
    fe_invert(&zi, &p->Z);
    fe_mul(&x, &p->X, &zi);
    fe_mul(&y, &p->Y, &zi);
    fe_tobytes(s, &y);
    s[31] ^= (uint8_t)(fe_isodd(&x) << 7);
}

static inline void ge_p3_tobytes(uint8_t s[32], const ge_p3 *p) {
    ge_p2 q;
    ge_p3_to_p2(&q, p);
    ge_p2_tobytes(s, &q);
}

#endif
