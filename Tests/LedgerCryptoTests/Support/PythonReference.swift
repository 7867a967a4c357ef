// An independent Ed25519 in python3, written from the mathematics of
// RFC 8032 (big integers, extended coordinates, nothing clever), used as an
// oracle: our C code must agree with it on keys, signatures, scalar
// reductions, and on which signatures plain RFC 8032 verification accepts.

enum PythonReference {
    /// The module; jobs are appended to it and read hex from stdin.
    static let module = """
    import hashlib, sys
    p = 2**255 - 19
    L = 2**252 + 27742317777372353535851937790883648493
    d = -121665 * pow(121666, p - 2, p) % p
    SQRT_M1 = pow(2, (p - 1) // 4, p)
    IDENTITY = (0, 1, 1, 0)

    def add(P, Q):
        X1, Y1, Z1, T1 = P
        X2, Y2, Z2, T2 = Q
        A = (Y1 - X1) * (Y2 - X2) % p
        B = (Y1 + X1) * (Y2 + X2) % p
        C = 2 * d * T1 * T2 % p
        D = 2 * Z1 * Z2 % p
        E, F, G, H = B - A, D - C, D + C, B + A
        return (E * F % p, G * H % p, F * G % p, E * H % p)

    def mul(s, P):
        Q = IDENTITY
        while s:
            if s & 1:
                Q = add(Q, P)
            P = add(P, P)
            s >>= 1
        return Q

    def same(P, Q):
        return (P[0] * Q[2] - Q[0] * P[2]) % p == 0 and (P[1] * Q[2] - Q[1] * P[2]) % p == 0

    def encode(P):
        zi = pow(P[2], p - 2, p)
        x, y = P[0] * zi % p, P[1] * zi % p
        return (y | ((x & 1) << 255)).to_bytes(32, "little")

    def decode(s):
        y = int.from_bytes(s, "little")
        sign = y >> 255
        y &= (1 << 255) - 1
        if y >= p:
            return None
        x2 = (y * y - 1) * pow(d * y * y + 1, p - 2, p) % p
        x = pow(x2, (p + 3) // 8, p)
        if (x * x - x2) % p:
            x = x * SQRT_M1 % p
        if (x * x - x2) % p:
            return None
        if x == 0 and sign:
            return None
        if x & 1 != sign:
            x = p - x
        return (x, y, 1, x * y % p)

    B = decode(bytes([0x58] + [0x66] * 31))

    def h(data):
        return int.from_bytes(hashlib.sha512(data).digest(), "little")

    def expand(seed):
        digest = hashlib.sha512(seed).digest()
        a = int.from_bytes(digest[:32], "little")
        a &= (1 << 254) - 8
        a |= 1 << 254
        return a, digest[32:]

    def public(seed):
        return encode(mul(expand(seed)[0], B))

    def sign(seed, m):
        a, prefix = expand(seed)
        A = encode(mul(a, B))
        r = h(prefix + m) % L
        R = encode(mul(r, B))
        S = (r + h(R + A + m) % L * a) % L
        return R + S.to_bytes(32, "little")

    def verify_rfc(pk, m, sig):
        # RFC 8032 section 5.1.7 as written: no small-order check, cofactorless.
        A, R = decode(pk), decode(sig[:32])
        S = int.from_bytes(sig[32:], "little")
        if A is None or R is None or S >= L:
            return False
        k = h(sig[:32] + pk + m) % L
        return same(mul(S, B), add(R, mul(k, A)))

    def small_order(pk):
        A = decode(pk)
        return A is not None and same(mul(8, A), IDENTITY)

    def rows():
        return [[bytes.fromhex(f) if f != "-" else b"" for f in line.split(" ")] for line in sys.stdin.read().split("\\n") if line]

    """

    /// Runs `job` after the module; each stdin row holds space-separated hex
    /// fields (`-` for empty); returns the output lines.
    static func run(_ job: String, rows: [[[UInt8]]]) throws -> [String] {
        let input = rows.map { $0.map { $0.isEmpty ? "-" : Hex.encode($0) }.joined(separator: " ") }.joined(separator: "\n") + "\n"
        let output = try Tools.python(module + "\n" + job, stdin: Array(input.utf8))
        return output.split(separator: "\n").map(String.init)
    }
}
