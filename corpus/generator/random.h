// Random numbers for opis-gen that give the same sequence everywhere.
//
// The generator promises byte-identical output for the same arguments, on
// any machine and with any standard library. std::uniform_int_distribution
// and friends are implementation-defined (libstdc++ and libc++ disagree), and
// libm's pow/log/exp may round differently across versions, so everything
// here is integer arithmetic on our own PRNG: splitmix64 to seed,
// xoshiro256** to draw. Floating point appears only when a table is built,
// and only as + - * / (exactly rounded by IEEE 754, hence reproducible).
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <vector>

namespace opis {

/// splitmix64 step: a good 64-bit mixer, used to derive independent seeds
/// (one per record) from the user's seed.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// Mix several values into one seed, so that (seed, stream, index) triples
/// give unrelated generators even when they differ in one bit.
inline std::uint64_t mix_seed(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  std::uint64_t s = a;
  std::uint64_t x = splitmix64(s);
  s = x ^ b;
  x = splitmix64(s);
  s = x ^ c;
  return splitmix64(s);
}

/// xoshiro256** (Blackman and Vigna): fast, small state, passes BigCrush.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& w : m_s) w = splitmix64(seed);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
  }

  /// Uniform in [0, n). Multiply-shift (Lemire) without the rejection step:
  /// the bias is below 2^-32 for our n, and skipping rejection keeps the
  /// number of draws per call fixed, which keeps streams easy to reason about.
  std::uint32_t below(std::uint32_t n) {
    assert(n > 0);
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }

  /// Uniform in [lo, hi], both included.
  int between(int lo, int hi) {
    assert(lo <= hi);
    return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1)));
  }

  /// True with probability per_mille / 1000.
  bool chance(std::uint32_t per_mille) { return below(1000) < per_mille; }

  /// An element of a non-empty container or array, uniformly.
  template <class C>
  const auto& pick(const C& c) {
    assert(std::size(c) > 0);
    return c[below(static_cast<std::uint32_t>(std::size(c)))];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t m_s[4];
};

/// Draw indices with given weights in O(1) (Walker's alias method, built
/// with Vose's stable variant). Used for Zipf-distributed words and persons:
/// a binary search over the cumulative weights would cost ~12 dependent
/// loads per word, and we draw over a hundred million words per run.
class AliasTable {
 public:
  AliasTable() = default;
  explicit AliasTable(std::span<const double> weights) {
    const std::size_t n = weights.size();
    assert(n > 0 && n < (1ull << 32));
    double sum = 0;
    for (double w : weights) sum += w;
    std::vector<double> p(n);
    for (std::size_t i = 0; i < n; ++i) p[i] = weights[i] * static_cast<double>(n) / sum;
    m_threshold.assign(n, kOne);
    m_alias.resize(n);
    for (std::size_t i = 0; i < n; ++i) m_alias[i] = static_cast<std::uint32_t>(i);
    std::vector<std::uint32_t> small, large;
    for (std::size_t i = 0; i < n; ++i) (p[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
    while (!small.empty() && !large.empty()) {
      std::uint32_t s = small.back(), l = large.back();
      small.pop_back();
      m_threshold[s] = static_cast<std::uint64_t>(p[s] * static_cast<double>(kOne));
      m_alias[s] = l;
      p[l] = (p[l] + p[s]) - 1.0;
      if (p[l] < 1.0) {
        large.pop_back();
        small.push_back(l);
      }
    }
    // Leftovers are 1 up to rounding: they keep threshold kOne (always self).
  }

  std::size_t size() const { return m_alias.size(); }

  std::size_t sample(Rng& rng) const {
    const std::uint64_t x = rng.next();
    // High 32 bits choose the column, low 32 bits decide column or alias.
    const std::size_t col = static_cast<std::size_t>(((x >> 32) * m_alias.size()) >> 32);
    return (x & 0xFFFFFFFFull) < m_threshold[col] ? col : m_alias[col];
  }

  /// Weights of a Zipf–Mandelbrot law over n ranks: 1 / (rank + q), s = 1.
  /// With s = 1 no pow() is needed, so the table is the same everywhere.
  static std::vector<double> zipf_weights(std::size_t n, double q) {
    std::vector<double> w(n);
    for (std::size_t r = 0; r < n; ++r) w[r] = 1.0 / (static_cast<double>(r + 1) + q);
    return w;
  }

 private:
  static constexpr std::uint64_t kOne = 1ull << 32;
  std::vector<std::uint64_t> m_threshold;  // in units of 2^-32
  std::vector<std::uint32_t> m_alias;
};

}  // namespace opis
