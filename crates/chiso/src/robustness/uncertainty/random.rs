//! Random numbers that are the same on every platform and in every order of evaluation.
//!
//! Every draw comes from a ChaCha8 stream keyed by `(seed, block, row, input, salt)`, so a
//! sample's numbers do not depend on which thread computes it or on what was drawn before.
//! Transcendental functions come from the `libm` crate, not the platform's maths library,
//! because glibc and the wasm32 build may differ in the last bit of `ln` or `cos`.

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Which block of a Saltelli design (or other use) a stream belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Block {
    /// Matrix A (also the plain Monte Carlo samples).
    A = 1,
    /// Matrix B.
    B = 2,
    /// Bootstrap resampling.
    Bootstrap = 3,
}

/// SplitMix64's finaliser: a bijective mixer of 64-bit words.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stream of uniform and derived variates.
pub(crate) struct Stream {
    rng: ChaCha8Rng,
    spare_normal: Option<f64>,
}

impl Stream {
    /// The stream for one (block, row, input) of a run with `seed`; `salt` separates data
    /// uncertainty of different years.
    pub(crate) fn new(seed: u64, block: Block, row: u64, input: u64, salt: u64) -> Self {
        let words = [seed, block as u64, row, input, salt];
        let mut key = [0u8; 32];
        let mut state = 0u64;
        for (i, chunk) in key.chunks_exact_mut(8).enumerate() {
            for (j, w) in words.iter().enumerate() {
                state = mix(state ^ w.wrapping_add((i as u64) << 32 | j as u64));
            }
            chunk.copy_from_slice(&state.to_le_bytes());
        }
        Stream { rng: ChaCha8Rng::from_seed(key), spare_normal: None }
    }

    /// Uniform on [0, 1) with 53 random bits.
    pub(crate) fn uniform(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// An index uniform on `0..n` (`n ≥ 1`), as `floor(u·n)`.
    pub(crate) fn index(&mut self, n: usize) -> usize {
        ((self.uniform() * n as f64) as usize).min(n.saturating_sub(1))
    }

    /// A standard normal variate (Box–Muller; the pair's second value is kept for the next call).
    pub(crate) fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare_normal.take() {
            return z;
        }
        let u1 = 1.0 - self.uniform(); // (0, 1]: the logarithm is finite
        let u2 = self.uniform();
        let r = (-2.0 * libm::log(u1)).sqrt();
        let theta = 2.0 * std::f64::consts::PI * u2;
        self.spare_normal = Some(r * libm::sin(theta));
        r * libm::cos(theta)
    }

    /// A Gamma(shape, 1) variate (Marsaglia and Tsang 2000; shape < 1 by the `U^(1/shape)` boost).
    pub(crate) fn gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            let g = self.gamma(shape + 1.0);
            let u = 1.0 - self.uniform();
            return g * libm::pow(u, 1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = 1.0 - self.uniform();
            if u < 1.0 - 0.0331 * x * x * x * x || libm::log(u) < 0.5 * x * x + d * (1.0 - v + libm::log(v)) {
                return d * v;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn streams_depend_on_every_coordinate_and_nothing_else() {
        let first = |s: u64, b: Block, r: u64, i: u64, salt: u64| Stream::new(s, b, r, i, salt).uniform();
        let base = first(7, Block::A, 3, 1, 0);
        assert_eq!(base, first(7, Block::A, 3, 1, 0));
        for other in [
            first(8, Block::A, 3, 1, 0),
            first(7, Block::B, 3, 1, 0),
            first(7, Block::A, 4, 1, 0),
            first(7, Block::A, 3, 2, 0),
            first(7, Block::A, 3, 1, 1),
        ] {
            assert_ne!(base, other);
        }
    }

    #[test]
    fn variates_have_their_moments() {
        let mut s = Stream::new(1, Block::A, 0, 0, 0);
        let n = 200_000;
        let (mut m1, mut m2) = (0.0, 0.0);
        for _ in 0..n {
            let z = s.normal();
            m1 += z;
            m2 += z * z;
        }
        // Standard errors: 1/√n ≈ 0.0022 for the mean, √(2/n) ≈ 0.0032 for the variance.
        assert!((m1 / n as f64).abs() < 0.01);
        assert!((m2 / n as f64 - 1.0).abs() < 0.015);
        for shape in [0.3, 1.0, 4.5] {
            let mut sum = 0.0;
            let mut sq = 0.0;
            for _ in 0..n {
                let g = s.gamma(shape);
                assert!(g >= 0.0);
                sum += g;
                sq += g * g;
            }
            let mean = sum / n as f64;
            let var = sq / n as f64 - mean * mean;
            // Gamma(k, 1): mean k, variance k; 5 standard errors.
            assert!((mean - shape).abs() < 5.0 * (shape / n as f64).sqrt(), "shape {shape}: mean {mean}");
            assert!((var - shape).abs() < 0.05 * shape.max(1.0), "shape {shape}: variance {var}");
        }
        let mut counts = [0usize; 3];
        for _ in 0..30_000 {
            counts[s.index(3)] += 1;
        }
        assert!(counts.iter().all(|&c| (9_400..10_600).contains(&c)), "{counts:?}");
    }
}
