//! The `readout` command: parses arguments, sets up logging, runs a command and maps its
//! outcome to the exit status.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use readout::cli::{Cli, Command, LogFormat, Logging};
use readout::cmd;
use readout::progress::LogWriter;

fn main() -> ExitCode {
    limit_malloc_arenas();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { cmd::EXIT_FATAL } else { cmd::EXIT_OK });
        }
    };
    init_logging(&cli.logging);
    // A progress bar is for a person watching: not with -q, nor beside JSON log lines.
    let show_progress = !cli.logging.quiet && cli.logging.log_format == LogFormat::Text;
    let status = match &cli.command {
        Command::Ingest(args) => cmd::ingest::run(args, show_progress),
        Command::Status(args) => cmd::status::run(args),
        Command::Summary(args) => cmd::summary::run(args),
        Command::Search(args) => cmd::search::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::SchemaDoc(args) => cmd::schema_doc::run(args),
    };
    ExitCode::from(status)
}

/// Log lines on standard error: warnings and errors by default, errors only with `-q`, more
/// with `-v` and `-vv` (or as `READOUT_LOG` says, in `tracing`'s filter syntax); colours only
/// on a terminal, and not when `NO_COLOR` is set.
fn init_logging(logging: &Logging) {
    let level = match (logging.quiet, logging.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, _) => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("READOUT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("readout={level}")));
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(LogWriter).with_target(false);
    match logging.log_format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.with_ansi(colour).without_time().init(),
    }
}

/// glibc's malloc gives threads that allocate at the same time arenas of their own, up to
/// eight per core, and each keeps the memory its thread freed: over a long run the stages'
/// threads and the writer's would hold more and more of it. Two arenas serve the threads of a
/// run with no measurable wait and keep its peak memory flat.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: mallopt only sets a parameter of the allocator; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}
