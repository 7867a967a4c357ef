// SHA-512 of many independent messages at once (FIPS 180-4, as sha512.c).
// verify hashes every signed batch of a journal, thousands at a time: one
// message's rounds are a long chain of dependent operations, but eight
// messages' rounds are independent, so with AVX-512 each of the eight
// 64-bit lanes of a register runs the compression of one message (the
// "multi-buffer" arrangement). A lane that finishes its message takes the
// next one, so messages of different lengths keep every lane busy. Without
// AVX-512 (checked at run time: the CPU's flag and the OS saving its
// registers) each message is hashed by sha512.c, one after the other.
// No secret-dependent branches or table indices: the lanes' schedule
// depends only on the messages' lengths.
#include "ced25519.h"
#include "sha512_internal.h"
#include <pthread.h>
#include <string.h>

// Each message, one at a time, by sha512.c.
static void sha512_many_portable(uint8_t *digests, const uint8_t *const *messages, const size_t *lengths,
                                 size_t count) {
    for (size_t i = 0; i < count; i++) ced25519_sha512(digests + 64 * i, messages[i], lengths[i]);
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>

// AVX512F on the CPU, and the OS saves the opmask and the zmm registers (XCR0 bits 1, 2, 5, 6, 7).
static int avx512_usable(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    if (!((ecx >> 27) & 1)) return 0;  // OSXSAVE: xgetbv is allowed
    unsigned int xcr0_lo, xcr0_hi;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    if ((xcr0_lo & 0xE6) != 0xE6) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (ebx >> 16) & 1;  // AVX512F
}

// One lane's message: its whole blocks are read where they are; the last
// bytes with their padding (section 5.1.2) are copied into `tail` (one or
// two blocks).
typedef struct {
    const uint8_t *data;
    size_t whole;        // whole blocks in `data`
    size_t tail_blocks;  // 1 or 2
    size_t next;         // blocks of this message compressed so far
    size_t index;        // which message
    uint8_t tail[256];
} lane_message;

static void lane_start(lane_message *m, const uint8_t *data, size_t length, size_t index) {
    m->data = data;
    m->whole = length / 128;
    m->next = 0;
    m->index = index;
    size_t rest = length % 128;
    m->tail_blocks = rest + 17 <= 128 ? 1 : 2;
    memset(m->tail, 0, sizeof m->tail);
    if (rest > 0) memcpy(m->tail, data + 128 * m->whole, rest);
    m->tail[rest] = 0x80;
    uint8_t *end = m->tail + 128 * m->tail_blocks;
    uint64_t bits_hi = (uint64_t)length >> 61, bits_lo = (uint64_t)length << 3;
    for (int i = 0; i < 8; i++) {
        end[-9 - i] = (uint8_t)(bits_hi >> (8 * i));
        end[-1 - i] = (uint8_t)(bits_lo >> (8 * i));
    }
}

static const uint8_t *lane_block(const lane_message *m) {
    return m->next < m->whole ? m->data + 128 * m->next : m->tail + 128 * (m->next - m->whole);
}

#define XOR3 0x96  // vpternlog: a ^ b ^ c
#define CHOOSE 0xCA  // vpternlog: a ? b : c, bit by bit
#define MAJORITY 0xE8  // vpternlog: at least two of a, b, c
#define TERN(x, y, z, op) _mm512_ternarylogic_epi64(x, y, z, op)
#define ROR(x, n) _mm512_ror_epi64(x, n)

// Eight lanes, each compressing one block: state[j] holds word j of the eight states.
__attribute__((target("avx512f")))
static void compress8(__m512i state[8], const uint64_t words[16][8]) {
    __m512i w[16];
    for (int t = 0; t < 16; t++) w[t] = _mm512_loadu_si512((const void *)words[t]);
    __m512i a = state[0], b = state[1], c = state[2], d = state[3];
    __m512i e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 80; t++) {
        __m512i wt;
        if (t < 16) {
            wt = w[t];
        } else {
            __m512i w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
            __m512i s0 = TERN(ROR(w15, 1), ROR(w15, 8), _mm512_srli_epi64(w15, 7), XOR3);
            __m512i s1 = TERN(ROR(w2, 19), ROR(w2, 61), _mm512_srli_epi64(w2, 6), XOR3);
            wt = _mm512_add_epi64(_mm512_add_epi64(w[t & 15], s0), _mm512_add_epi64(w[(t - 7) & 15], s1));
            w[t & 15] = wt;
        }
        __m512i k = _mm512_set1_epi64((long long)ced25519_sha512_k[t]);
        __m512i t1 = _mm512_add_epi64(_mm512_add_epi64(h, _mm512_add_epi64(k, wt)),
                                      _mm512_add_epi64(TERN(ROR(e, 14), ROR(e, 18), ROR(e, 41), XOR3),
                                                       TERN(e, f, g, CHOOSE)));
        __m512i t2 = _mm512_add_epi64(TERN(ROR(a, 28), ROR(a, 34), ROR(a, 39), XOR3), TERN(a, b, c, MAJORITY));
        h = g; g = f; f = e; e = _mm512_add_epi64(d, t1);
        d = c; c = b; b = a; a = _mm512_add_epi64(t1, t2);
    }
    state[0] = _mm512_add_epi64(state[0], a); state[1] = _mm512_add_epi64(state[1], b);
    state[2] = _mm512_add_epi64(state[2], c); state[3] = _mm512_add_epi64(state[3], d);
    state[4] = _mm512_add_epi64(state[4], e); state[5] = _mm512_add_epi64(state[5], f);
    state[6] = _mm512_add_epi64(state[6], g); state[7] = _mm512_add_epi64(state[7], h);
}

static inline uint64_t load_be64(const uint8_t *p) {
    uint64_t x;
    memcpy(&x, p, 8);
    return __builtin_bswap64(x);
}

static inline void store_be64(uint8_t *p, uint64_t x) {
    x = __builtin_bswap64(x);
    memcpy(p, &x, 8);
}

__attribute__((target("avx512f")))
static void sha512_many_avx512(uint8_t *digests, const uint8_t *const *messages, const size_t *lengths,
                               size_t count) {
    lane_message lanes[8];
    int busy[8] = {0};
    size_t taken = 0;
    uint64_t words[16][8] __attribute__((aligned(64)));
    uint64_t saved[8][8] __attribute__((aligned(64)));  // saved[j][lane]: word j of a lane's state
    __m512i state[8];
    for (int l = 0; l < 8; l++) {
        if (taken < count) {
            lane_start(&lanes[l], messages[taken], lengths[taken], taken);
            busy[l] = 1;
            taken++;
        }
        for (int j = 0; j < 8; j++) saved[j][l] = ced25519_sha512_iv[j];
    }
    for (int j = 0; j < 8; j++) state[j] = _mm512_load_si512((const void *)saved[j]);
    for (;;) {
        int any = 0;
        for (int l = 0; l < 8; l++) {
            if (!busy[l]) {
                for (int t = 0; t < 16; t++) words[t][l] = 0;  // an idle lane hashes zeros, thrown away
                continue;
            }
            any = 1;
            const uint8_t *block = lane_block(&lanes[l]);
            for (int t = 0; t < 16; t++) words[t][l] = load_be64(block + 8 * t);
        }
        if (!any) break;
        compress8(state, (const uint64_t (*)[8])words);
        // Lanes whose message is done give their digest and take the next message.
        int changed = 0;
        for (int l = 0; l < 8; l++) {
            if (!busy[l]) continue;
            lane_message *m = &lanes[l];
            m->next++;
            if (m->next < m->whole + m->tail_blocks) continue;
            if (!changed) {
                for (int j = 0; j < 8; j++) _mm512_store_si512((void *)saved[j], state[j]);
                changed = 1;
            }
            for (int j = 0; j < 8; j++) store_be64(digests + 64 * m->index + 8 * j, saved[j][l]);
            if (taken < count) {
                lane_start(m, messages[taken], lengths[taken], taken);
                taken++;
            } else {
                busy[l] = 0;
            }
            for (int j = 0; j < 8; j++) saved[j][l] = ced25519_sha512_iv[j];
        }
        if (changed) {
            for (int j = 0; j < 8; j++) state[j] = _mm512_load_si512((const void *)saved[j]);
        }
    }
}

static pthread_once_t detect_once = PTHREAD_ONCE_INIT;
static int use_avx512;
static void detect(void) { use_avx512 = avx512_usable(); }

int ced25519_sha512_lanes(void) {
    pthread_once(&detect_once, detect);
    return use_avx512 ? 8 : 1;
}

void ced25519_sha512_many(uint8_t *digests, const uint8_t *const *messages, const size_t *lengths, size_t count) {
    if (count > 1 && ced25519_sha512_lanes() == 8) {
        sha512_many_avx512(digests, messages, lengths, count);
    } else {
        sha512_many_portable(digests, messages, lengths, count);
    }
}

#else

int ced25519_sha512_lanes(void) { return 1; }

void ced25519_sha512_many(uint8_t *digests, const uint8_t *const *messages, const size_t *lengths, size_t count) {
    sha512_many_portable(digests, messages, lengths, count);
}

#endif

void ced25519_sha512_many_portable(uint8_t *digests, const uint8_t *const *messages, const size_t *lengths,
                                   size_t count) {
    sha512_many_portable(digests, messages, lengths, count);
}
