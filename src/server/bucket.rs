//! Step 6 of the flow (server): a token bucket per client address, for readers' reports.
//! Each address may send `per_minute` reports at once, then one more each `60 /
//! per_minute` seconds. Kept in memory only, and only while an address has spent tokens:
//! a full bucket is forgotten.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Addresses kept before full buckets are forgotten.
const PRUNE_ABOVE: usize = 10_000;

#[derive(Debug)]
pub(super) struct Buckets {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Buckets {
    pub(super) fn new(per_minute: u32) -> Buckets {
        let per_minute = f64::from(per_minute.max(1));
        Buckets {
            per_second: per_minute / 60.0,
            burst: per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `address` at `now`; when there is none, how long until there is.
    pub(super) fn take(&self, address: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|_, b| self.refilled(*b, now) < self.burst);
        }
        let bucket = buckets.entry(address).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let tokens = self.refilled(*bucket, now);
        if tokens >= 1.0 {
            *bucket = Bucket {
                tokens: tokens - 1.0,
                at: now,
            };
            Ok(())
        } else {
            *bucket = Bucket { tokens, at: now };
            Err(Duration::from_secs_f64((1.0 - tokens) / self.per_second))
        }
    }

    fn refilled(&self, bucket: Bucket, now: Instant) -> f64 {
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        (bucket.tokens + elapsed * self.per_second).min(self.burst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_one_token_per_interval_per_address() {
        let buckets = Buckets::new(6);
        let start = Instant::now();
        let a: IpAddr = [192, 0, 2, 1].into();
        let b: IpAddr = [192, 0, 2, 2].into();
        for _ in 0..6 {
            assert!(buckets.take(a, start).is_ok());
        }
        let wait = buckets.take(a, start).unwrap_err();
        assert_eq!(wait.as_secs(), 10);
        // Another address has its own bucket.
        assert!(buckets.take(b, start).is_ok());
        // Ten seconds later, one more.
        let later = start + Duration::from_secs(10);
        assert!(buckets.take(a, later).is_ok());
        assert!(buckets.take(a, later).is_err());
    }
}
