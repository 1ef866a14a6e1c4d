//! Helpers for the unit tests.
//!
//! The linear-time tests bound how long an extractor takes on a large input.
//! The wall clock counts every other process's turns too: on a busy two-core
//! machine a 3 s run read 10.3 s and failed a 10 s bound. The bound is about
//! the algorithm, so it is taken on the calling thread's CPU clock.

use std::time::Duration;

/// Runs `f` and returns its result with the CPU time the calling thread spent
/// in it (the wall clock where no thread clock is to be had).
pub(crate) fn cpu_time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = thread_clock();
    let wall = std::time::Instant::now();
    let out = f();
    let spent = match (start, thread_clock()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    };
    (out, spent)
}

#[cfg(unix)]
fn thread_clock() -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call's duration.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| {
        Duration::new(
            u64::try_from(ts.tv_sec).unwrap_or(0),
            u32::try_from(ts.tv_nsec).unwrap_or(0),
        )
    })
}

#[cfg(not(unix))]
fn thread_clock() -> Option<Duration> {
    None
}

#[cfg(test)]
mod tests {
    use super::cpu_time;

    #[test]
    fn a_sleep_costs_no_cpu_and_a_loop_does() {
        let ((), slept) = cpu_time(|| std::thread::sleep(std::time::Duration::from_millis(300)));
        assert!(slept.as_millis() < 200, "{slept:?}");
        let (sum, spun) = cpu_time(|| {
            let t = std::time::Instant::now();
            let mut x = 0u64;
            while t.elapsed().as_millis() < 50 {
                x = x.wrapping_add(std::hint::black_box(1));
            }
            x
        });
        assert!(sum > 0);
        assert!(spun.as_millis() >= 10, "{spun:?}");
    }
}
