//! What a person watching a run sees: a progress bar on standard error, and the log writer
//! that keeps log lines from tearing it.
//!
//! The bar is drawn only when standard error is a terminal and a run takes more than one
//! file, so nothing of it reaches cron mail or a log file. Log lines go through
//! [`LogWriter`], which lifts the bar out of the way while a line is written.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tracing_subscriber::fmt::MakeWriter;

/// The bar being drawn, if any, for [`LogWriter`] to suspend.
static ACTIVE: Mutex<Option<ProgressBar>> = Mutex::new(None);

fn active() -> Option<ProgressBar> {
    ACTIVE.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// A run's progress over its files; draws nothing unless it was wanted, standard error is a
/// terminal and there is more than one file.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn start(files: usize, wanted: bool) -> Progress {
        if !wanted || files < 2 || !io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos}/{len} files [{bar:30}] {elapsed} {wide_msg}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        *ACTIVE.lock().unwrap_or_else(PoisonError::into_inner) = Some(bar.clone());
        Progress { bar: Some(bar) }
    }

    /// A file is being taken.
    pub fn file(&self, path: &Path) {
        if let Some(bar) = &self.bar {
            bar.set_message(path.file_name().unwrap_or(path.as_os_str()).to_string_lossy().into_owned());
        }
    }

    /// The file is done.
    pub fn done(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            ACTIVE.lock().unwrap_or_else(PoisonError::into_inner).take();
            bar.finish_and_clear();
        }
    }
}

/// Standard error for log lines: each line is written whole, with the progress bar (if one is
/// drawn) lifted out of its way.
pub struct LogWriter;

impl<'a> MakeWriter<'a> for LogWriter {
    type Writer = LogLine;

    fn make_writer(&'a self) -> LogLine {
        LogLine(Vec::new())
    }
}

/// One log line, written to standard error when dropped.
pub struct LogLine(Vec<u8>);

impl Write for LogLine {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for LogLine {
    fn drop(&mut self) {
        let line = std::mem::take(&mut self.0);
        // A log line that cannot be written (standard error closed) is dropped: there is
        // nowhere left to say so.
        let write = || drop(io::stderr().lock().write_all(&line));
        match active() {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }
}
