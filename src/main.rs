//! The `readout` command: parses arguments, sets up logging, runs a command and maps its
//! outcome to the exit status.

use std::process::ExitCode;

use clap::Parser;
use readout::cli::{Cli, Command, LogFormat, Logging};
use readout::cmd;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { cmd::EXIT_FATAL } else { cmd::EXIT_OK });
        }
    };
    init_logging(&cli.logging);
    let status = match &cli.command {
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Summary(args) => cmd::summary::run(args),
        Command::Search(args) => cmd::search::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::SchemaDoc(args) => cmd::schema_doc::run(args),
    };
    ExitCode::from(status)
}

fn init_logging(logging: &Logging) {
    let level = match (logging.quiet, logging.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, _) => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("READOUT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("readout={level}")));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false);
    match logging.log_format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.without_time().init(),
    }
}
