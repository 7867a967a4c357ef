// Length-limited Huffman codes for the compressor: code lengths from symbol
// frequencies by package-merge (optimal under a maximum length, so no
// after-the-fact repair), and the canonical codes of RFC 1951 section 3.2.2
// for those lengths, bit-reversed because DEFLATE sends Huffman codes from
// their most significant bit into a stream packed from the least.

enum HuffmanBuilder {
    /// Code lengths (0 for unused symbols) minimising the coded size, none
    /// longer than `maxLength`. At least two symbols always get a code: a
    /// lone code would be incomplete, which strict decoders (zlib's among
    /// them) refuse, so a missing partner is taken from the lowest unused symbols.
    static func lengths(frequencies: [Int], maxLength: Int) -> [UInt8] {
        var used = frequencies.indices.filter { frequencies[$0] > 0 }
        var freq = frequencies
        var filler = 0
        while used.count < 2 {
            while freq[filler] > 0 { filler += 1 }
            freq[filler] = 1
            used.append(filler)
            used.sort()
        }
        precondition(used.count <= 1 << maxLength, "too many symbols for the length limit")

        // Leaves in ascending weight; ties by symbol so the result never varies.
        let leaves = used.sorted { freq[$0] != freq[$1] ? freq[$0] < freq[$1] : $0 < $1 }

        // Item pool: a leaf (left < 0, right = symbol) or a package of two items.
        var weight: [Int] = []
        var left: [Int32] = []
        var right: [Int32] = []
        weight.reserveCapacity(leaves.count * maxLength * 2)
        for s in leaves {
            weight.append(freq[s])
            left.append(-1)
            right.append(Int32(s))
        }
        let leafItems = Array(0..<leaves.count)
        var list = leafItems
        for _ in 1..<maxLength {
            // Package adjacent pairs of the previous list, then merge with the leaves.
            var packages: [Int] = []
            packages.reserveCapacity(list.count / 2)
            var j = 0
            while j + 1 < list.count {
                weight.append(weight[list[j]] + weight[list[j + 1]])
                left.append(Int32(list[j]))
                right.append(Int32(list[j + 1]))
                packages.append(weight.count - 1)
                j += 2
            }
            var merged: [Int] = []
            merged.reserveCapacity(leafItems.count + packages.count)
            var a = 0
            var b = 0
            while a < leafItems.count || b < packages.count {
                if b == packages.count || (a < leafItems.count && weight[leafItems[a]] <= weight[packages[b]]) {
                    merged.append(leafItems[a]); a += 1
                } else {
                    merged.append(packages[b]); b += 1
                }
            }
            list = merged
        }
        // The first 2n-2 items; a symbol's length is how often its leaf occurs in them.
        var lengths = [UInt8](repeating: 0, count: frequencies.count)
        var stack: [Int] = Array(list.prefix(2 * leaves.count - 2))
        while let item = stack.popLast() {
            if left[item] < 0 {
                lengths[Int(right[item])] += 1
            } else {
                stack.append(Int(left[item]))
                stack.append(Int(right[item]))
            }
        }
        return lengths
    }

    /// Canonical codes for `lengths`, already bit-reversed for sending.
    static func codes(lengths: [UInt8]) -> [UInt16] {
        var count = [Int](repeating: 0, count: 16)
        for l in lengths where l > 0 { count[Int(l)] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1...15 {
            code = (code + count[bits - 1]) << 1
            next[bits] = code
        }
        var codes = [UInt16](repeating: 0, count: lengths.count)
        for (symbol, l) in lengths.enumerated() where l > 0 {
            codes[symbol] = reverse(UInt16(next[Int(l)]), bits: Int(l))
            next[Int(l)] += 1
        }
        return codes
    }

    @inline(__always)
    static func reverse(_ code: UInt16, bits: Int) -> UInt16 {
        var c = code
        var r: UInt16 = 0
        for _ in 0..<bits {
            r = (r << 1) | (c & 1)
            c >>= 1
        }
        return r
    }
}
