//! How many connections the server holds at once: the setting, or what the process's open-file
//! limit leaves once files, the database and mail have their share — so a flood of connections
//! is refused at the door instead of failing with "Too many open files" inside.

/// Descriptors kept back for the database pool, log, mail, exports and the listener.
const RESERVE: u64 = 256;

/// Connections each of `workers` may hold, and the open-file limit they came from (if read).
pub fn per_worker(setting: Option<usize>, workers: usize) -> (usize, Option<u64>) {
    let limit = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|text| open_files(&text));
    (split(setting, limit, workers), limit)
}

fn split(setting: Option<usize>, limit: Option<u64>, workers: usize) -> usize {
    let workers = workers.max(1);
    let from_limit = limit.map(|l| {
        let usable = usize::try_from(l.saturating_sub(RESERVE).max(64)).unwrap_or(usize::MAX);
        usable / workers
    });
    let wanted = setting.map(|n| n.div_ceil(workers));
    match (wanted, from_limit) {
        (Some(w), Some(l)) => w.min(l),
        (Some(w), None) => w,
        (None, Some(l)) => l,
        // Unknown limit: the HTTP server's own default per worker.
        (None, None) => 25_000,
    }
    .max(1)
}

/// The soft "Max open files" limit from `/proc/self/limits`.
fn open_files(limits: &str) -> Option<u64> {
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    let soft = line
        .trim_start_matches("Max open files")
        .split_whitespace()
        .next()?;
    soft.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_open_file_limit_is_read_from_proc_limits() {
        let text = "Limit                     Soft Limit           Hard Limit           Units\n\
                    Max cpu time              unlimited            unlimited            seconds\n\
                    Max open files            1024                 524288               files\n";
        assert_eq!(open_files(text), Some(1024));
        assert_eq!(open_files("Max open files unlimited unlimited files"), None);
        assert_eq!(open_files(""), None);
    }

    #[test]
    fn connections_stay_below_the_file_limit_and_the_setting() {
        assert_eq!(split(None, Some(1024), 2), 384);
        assert_eq!(split(Some(100), Some(20_000), 2), 50);
        assert_eq!(split(Some(100_000), Some(20_000), 2), 9_872);
        assert_eq!(split(None, Some(100), 2), 32);
        assert_eq!(split(None, None, 2), 25_000);
        assert_eq!(split(Some(1), None, 2), 1);
    }
}
