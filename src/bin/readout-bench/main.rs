//! `readout-bench`: how fast `readout ingest` is, and how much memory it takes, on a synthetic
//! corpus, beside jieba-rs cutting the same text alone.
//!
//! `make bench` (or `cargo run --release --bin readout-bench -- --pages 2000`):
//! 1. writes N varied pages ([`synthetic`]) into a temporary folder, one at a time;
//!    `--sample-copies N` makes them all from the sample page instead of every test page;
//! 2. times jieba-rs cutting each page's text the way readout does (HMM on), its dictionary
//!    loaded beforehand, reading the files left out: on one thread, then on two;
//! 3. times readout's parts apart, on one thread in a process of its own (`--only parts`):
//!    the stages (reading to indexing) and the store (every page written in one batch). With
//!    one writer, readout can never be faster than its store alone;
//! 4. runs the real `readout ingest` (the binary built beside this one) on an empty database,
//!    then again on the unchanged corpus, and reads each run's wall time, CPU time and peak
//!    resident memory from the operating system (`wait4`), and the time until its first page
//!    was committed (its first `stored` log line, written after the commit);
//! 5. with `--baseline PATH`, runs that binary's ingest the same way, right after, in the
//!    same run, and prints the two side by side: speed-up, peak memory, database size; with
//!    `--baseline-bench PATH` (that build's readout-bench), times its stages and store apart
//!    on the same corpus too;
//! 6. repeats 2 to 5 `--runs` times and prints the medians, the ratio of readout's throughput
//!    to jieba-rs's, how much the stages and the store overlapped (from the run's log: how
//!    long the writer waited for the stages, and the stages for the writer), the database's
//!    size against the text it holds, and the goals.
//!
//! A process's peak memory as the kernel reports it includes that of the process it was
//! started from (the image before `exec`), so this process stays small: it makes the corpus
//! and runs jieba-rs in child processes of its own (`--only generate`, `--only jieba`), and
//! only starts processes and reads databases itself.

use std::fs;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Parser;
use readout::pipeline::{Checked, Ingester};
use readout::reader;
use readout::segment::Tokenizer;
use readout::store::{DEFAULT_BUSY_TIMEOUT, Store};

use crate::synthetic::{Generator, Template};

mod synthetic;

/// Throughput and memory of `readout ingest` on a synthetic corpus, beside jieba-rs alone.
#[derive(Debug, Parser)]
#[command(name = "readout-bench")]
struct Args {
    /// Pages in the corpus, made from every page of the project's tests. Example: `--pages 2000`
    #[arg(long, default_value_t = 2000)]
    pages: usize,
    /// Make the corpus of this many varied copies of the sample page instead. Example: `--sample-copies 1000`
    #[arg(long, value_name = "N")]
    sample_copies: Option<usize>,
    /// Measure this many times and print medians. Example: `--runs 5`
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    runs: u32,
    /// Seed of the corpus's variations: the same seed makes the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder for the corpus and the databases (default: a new temporary folder).
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Keep the corpus and the last databases afterwards.
    #[arg(long)]
    keep: bool,
    /// The readout binary to measure (default: the one built beside this one).
    #[arg(long)]
    readout: Option<PathBuf>,
    /// Another readout binary (an earlier release, say) to run the same ingests beside it, in
    /// the same runs, and compare. Example: `--baseline /usr/local/bin/readout-0.1.0`
    #[arg(long, value_name = "PATH")]
    baseline: Option<PathBuf>,
    /// The readout-bench of that other build: its stages and store are timed apart on the same
    /// corpus, in the same runs (`--only parts`), and compared with this build's.
    /// Example: `--baseline-bench /usr/local/bin/readout-bench-0.1.0`
    #[arg(long, value_name = "PATH")]
    baseline_bench: Option<PathBuf>,
    /// Do one step in this process, for the driver: make the corpus, or time jieba-rs.
    #[arg(long, hide = true, value_enum)]
    only: Option<Step>,
    /// With `--only jieba`: the number of threads.
    #[arg(long, hide = true, default_value_t = 1)]
    threads: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Step {
    Generate,
    Jieba,
    Parts,
}

/// The goals readout is held to on this benchmark.
const GOAL_RATIO: f64 = 0.5;
const GOAL_PEAK_MB: f64 = 160.0;
/// Against the baseline: the whole ingest, the store alone, and the database's size.
const GOAL_INGEST_SPEEDUP: f64 = 2.5;
const GOAL_STORE_SPEEDUP: f64 = 2.0;
const GOAL_DB_TIMES_TEXT: f64 = 5.0;
const GOAL_RERUN_S_PER_1000: f64 = 0.5;
const GOAL_FIRST_PAGE_S: f64 = 0.5;

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    match args.only {
        Some(Step::Generate) => generate(&args),
        Some(Step::Jieba) => jieba(&args),
        Some(Step::Parts) => parts(&args),
        None => drive(&args),
    }
}

/// The corpus folder below the work folder.
fn corpus_of(dir: &Path) -> PathBuf {
    dir.join("corpus")
}

/// `--only generate`: writes the corpus into `--dir`, one page at a time, and prints the
/// number of pages, bytes and templates and the seconds it took.
fn generate(args: &Args) -> anyhow::Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = corpus_of(args.dir.as_deref().context("--only generate needs --dir")?);
    fs::create_dir_all(&corpus)?;
    let started = Instant::now();
    let tokenizer = Tokenizer::new();
    let template_paths = match args.sample_copies {
        Some(_) => vec![root.join("tests/data/000_33a1af8f75da2c74.txt")],
        None => ["tests/data", "tests/data/variants", "tests/corpus"]
            .iter()
            .map(|dir| txt_files(&root.join(dir)))
            .collect::<io::Result<Vec<_>>>()?
            .concat(),
    };
    let templates = template_paths
        .iter()
        .map(|p| Template::load(p, &tokenizer).with_context(|| format!("{}: cannot read the template", p.display())))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let template_count = templates.len();
    let mut generator = Generator::new(templates, args.seed, NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date"));
    let pages = args.sample_copies.unwrap_or(args.pages);
    let mut bytes = 0u64;
    for n in 0..pages {
        let page = generator.page(n)?;
        bytes += page.bytes.len() as u64;
        fs::write(corpus.join(&page.file_name), &page.bytes)?;
    }
    println!("{pages} {bytes} {template_count} {}", started.elapsed().as_secs_f64());
    Ok(())
}

/// `--only jieba`: times jieba-rs on the corpus in `--dir` and prints the seconds of the
/// longest thread, the seconds of all threads and the number of words.
fn jieba(args: &Args) -> anyhow::Result<()> {
    let corpus = corpus_of(args.dir.as_deref().context("--only jieba needs --dir")?);
    let files: Vec<PathBuf> = readout::pipeline::inputs(&[corpus]).0.iter().collect();
    let run = time_jieba(&files, &Tokenizer::new(), args.threads.max(1))?;
    println!("{} {} {}", run.wall.as_secs_f64(), run.cpu.as_secs_f64(), run.words);
    Ok(())
}

/// `--only parts`: ingests the corpus in `--dir` on this thread alone, one file after the
/// other, timing apart the stages (reading, parsing, extracting, indexing: [`Ingester::check`]
/// and [`Ingester::parse`], after a first page parsed untimed) and the store (every page written in one batch, committed at the
/// end); prints both in seconds. The store's time is what readout cannot go below with its one
/// writer, however fast the stages.
fn parts(args: &Args) -> anyhow::Result<()> {
    let work = args.dir.as_deref().context("--only parts needs --dir")?;
    let files: Vec<PathBuf> = readout::pipeline::inputs(&[corpus_of(work)]).0.iter().collect();
    let db = work.join("parts.db");
    remove_database(&db)?;
    let mut store = Store::open(&db, DEFAULT_BUSY_TIMEOUT)?;
    let ingester = Ingester::new(None, reader::DEFAULT_MAX_BYTES);
    // Loading jieba's dictionary and compiling the rules happen once per run: not timed, as
    // jieba-rs's dictionary is not.
    if let Some(path) = files.first()
        && let Checked::ToParse(file) = ingester.check(None, path)?
    {
        ingester.parse(file)?;
    }
    let (mut stages, mut writing) = (Duration::ZERO, Duration::ZERO);
    let started = Instant::now();
    store.begin_batch()?;
    writing += started.elapsed();
    for path in &files {
        let started = Instant::now();
        let Checked::ToParse(file) = ingester.check(Some(&store), path)? else {
            bail!("{}: stored twice", path.display())
        };
        let page = ingester.parse(file)?;
        let parsed = Instant::now();
        store.write_page(&page)?;
        stages += parsed - started;
        writing += parsed.elapsed();
    }
    let started = Instant::now();
    store.commit_batch()?;
    writing += started.elapsed();
    drop(store);
    remove_database(&db)?;
    println!("{} {}", stages.as_secs_f64(), writing.as_secs_f64());
    Ok(())
}

/// Runs this binary for one step and returns what it printed, measured.
fn run_step(args: &Args, work: &Path, step: &str, extra: &[String]) -> anyhow::Result<(Measured, Vec<f64>)> {
    let mut command = Command::new(std::env::current_exe()?);
    command.args(["--only", step, "--dir"]).arg(work).args(["--seed", &args.seed.to_string(), "--pages"]);
    command.arg(args.pages.to_string()).args(extra);
    if let Some(n) = args.sample_copies {
        command.args(["--sample-copies", &n.to_string()]);
    }
    let measured = run_measured(&mut command)?;
    if measured.status != Some(0) {
        bail!("readout-bench --only {step} failed: {:?}", measured.other_lines);
    }
    let numbers = measured.stdout.split_whitespace().map(str::parse).collect::<Result<Vec<f64>, _>>()?;
    Ok((measured, numbers))
}

/// The benchmark itself.
fn drive(args: &Args) -> anyhow::Result<()> {
    let readout = match &args.readout {
        Some(path) => path.clone(),
        None => std::env::current_exe()?.with_file_name("readout"),
    };
    if !readout.is_file() {
        bail!("{}: no readout binary there; build it first (cargo build --release)", readout.display());
    }
    if let Some(bench) = &args.baseline_bench
        && !bench.is_file()
    {
        bail!("{}: no baseline readout-bench there", bench.display());
    }
    if let Some(baseline) = &args.baseline
        && !baseline.is_file()
    {
        bail!("{}: no baseline binary there", baseline.display());
    }
    let work = Workspace::new(args.dir.clone(), args.keep)?;
    let corpus = corpus_of(&work.path);
    let (_, made) = run_step(args, &work.path, "generate", &[])?;
    let [pages, bytes, template_count, generated_in] = made[..] else { bail!("unexpected output of --only generate") };
    let (files, errors) = readout::pipeline::inputs(std::slice::from_ref(&corpus));
    if let Some(e) = errors.first() {
        bail!("{e}");
    }

    let (nproc, cpu) = machine();
    println!("readout-bench");
    println!("command:  {}", std::env::args().collect::<Vec<_>>().join(" "));
    println!("machine:  {nproc} CPUs (nproc), {cpu}, load average {} at start", load_average());
    println!(
        "corpus:   {pages} pages, {:.2} MB, varied from {template_count} template page(s) in {generated_in:.1} s, in {}",
        bytes / 1e6,
        corpus.display()
    );

    let mut jieba1 = Vec::new();
    let mut jieba2 = Vec::new();
    let mut stages = Vec::new();
    let mut writing = Vec::new();
    let mut parts_rss = Vec::new();
    let mut first = Vec::new();
    let mut again = Vec::new();
    let mut rows = 0;
    let mut words = 0.0;
    let mut db_mb = Vec::new();
    let mut base_first = Vec::new();
    let mut base_stages = Vec::new();
    let mut base_writing = Vec::new();
    let mut base_db_mb = Vec::new();
    for run in 1..=args.runs {
        eprintln!(
            "run {run} of {}: jieba-rs on 1 and 2 threads, readout's stages and store apart, then readout ingest twice",
            args.runs
        );
        for (threads, into) in [(1, &mut jieba1), (2, &mut jieba2)] {
            let (measured, numbers) = run_step(args, &work.path, "jieba", &["--threads".into(), threads.to_string()])?;
            let [wall, cpu, cut] = numbers[..] else { bail!("unexpected output of --only jieba") };
            words = cut;
            into.push(JiebaRun {
                wall: Duration::from_secs_f64(wall),
                cpu: Duration::from_secs_f64(cpu),
                peak_rss_mb: measured.peak_rss_mb,
            });
        }
        let (measured, numbers) = run_step(args, &work.path, "parts", &[])?;
        parts_rss.push(measured.peak_rss_mb);
        let [stages_s, writing_s] = numbers[..] else { bail!("unexpected output of --only parts") };
        stages.push(stages_s);
        writing.push(writing_s);
        if let Some(bench) = &args.baseline_bench {
            let mut command = Command::new(bench);
            command.args(["--only", "parts", "--dir"]).arg(&work.path);
            let measured = run_measured(&mut command)?;
            if measured.status != Some(0) {
                bail!("{} --only parts failed: {:?}", bench.display(), measured.other_lines);
            }
            let numbers = measured.stdout.split_whitespace().map(str::parse).collect::<Result<Vec<f64>, _>>()?;
            let [stages_s, writing_s] = numbers[..] else { bail!("unexpected output of the baseline's --only parts") };
            base_stages.push(stages_s);
            base_writing.push(writing_s);
        }
        let db = work.path.join(format!("run{run}.db"));
        remove_database(&db)?;
        let fresh = run_ingest(&readout, &db, &corpus)?;
        fresh.check("ingest into an empty database", files.len(), 0)?;
        rows = count_rows(&db)?;
        db_mb.push(database_mb(&db)?);
        first.push(fresh);
        let unchanged = run_ingest(&readout, &db, &corpus)?;
        unchanged.check("ingest of the unchanged corpus", 0, files.len())?;
        again.push(unchanged);
        if run < args.runs || !args.keep {
            remove_database(&db)?;
        }
        if let Some(baseline) = &args.baseline {
            let db = work.path.join(format!("run{run}-baseline.db"));
            remove_database(&db)?;
            let fresh = run_ingest(baseline, &db, &corpus)?;
            fresh.check("baseline ingest into an empty database", files.len(), 0)?;
            base_db_mb.push(database_mb(&db)?);
            base_first.push(fresh);
            if run < args.runs || !args.keep {
                remove_database(&db)?;
            }
        }
    }
    println!(
        "ingest:   {} -v --log-format json ingest --db {} {}",
        readout.display(),
        work.path.join("runN.db").display(),
        corpus.display()
    );
    println!("runs:     {} (medians; the machine may be shared with other work, so timings are noisy)\n", args.runs);

    let pages = files.len() as f64;
    let mbytes = bytes / 1e6;
    let j1 = median(jieba1.iter().map(|j| j.wall.as_secs_f64()));
    let j2 = median(jieba2.iter().map(|j| j.wall.as_secs_f64()));
    let f_wall = median(first.iter().map(|r| r.wall.as_secs_f64()));
    let a_wall = median(again.iter().map(|r| r.wall.as_secs_f64()));
    let f_first = median(first.iter().map(|r| r.first_stored.map_or(f64::NAN, |d| d.as_secs_f64())));
    let f_rss = median(first.iter().map(|r| r.peak_rss_mb));
    let a_rss = median(again.iter().map(|r| r.peak_rss_mb));
    println!(
        "{:<34} {:>8} {:>9} {:>7} {:>9} {:>11} {:>7} {:>12}",
        "", "wall s", "pages/s", "MB/s", "rows/s", "peak RSS MB", "CPU s", "first page s"
    );
    let row = |name: &str, wall: f64, rows: Option<f64>, rss: f64, cpu: f64, first: Option<f64>| {
        let opt = |v: Option<f64>, prec: usize| v.map_or("-".to_string(), |v| format!("{v:.prec$}"));
        println!(
            "{name:<34} {wall:>8.3} {:>9.0} {:>7.2} {:>9} {rss:>11.1} {cpu:>7.2} {:>12}",
            pages / wall,
            mbytes / wall,
            opt(rows.map(|r| r / wall), 0),
            opt(first, 3)
        );
    };
    let secs =
        |runs: &mut dyn Iterator<Item = Duration>| runs.map(|d| format!("{:.3}", d.as_secs_f64())).collect::<Vec<_>>();
    let cpu_of = |runs: &[JiebaRun]| median(runs.iter().map(|j| j.cpu.as_secs_f64()));
    let rss_of = |runs: &[JiebaRun]| median(runs.iter().map(|j| j.peak_rss_mb));
    row("jieba-rs alone, 1 thread", j1, None, rss_of(&jieba1), cpu_of(&jieba1), None);
    row("jieba-rs alone, 2 threads", j2, None, rss_of(&jieba2), cpu_of(&jieba2), None);
    let stages_s = median(stages.iter().copied());
    let writing_s = median(writing.iter().copied());
    // Both measured in one process: its peak memory is theirs together.
    let parts_rss = median(parts_rss.iter().copied());
    row("readout stages alone, 1 thread", stages_s, None, parts_rss, stages_s, None);
    row("readout store alone, 1 batch", writing_s, Some(rows as f64), parts_rss, writing_s, None);
    row(
        "readout ingest, empty database",
        f_wall,
        Some(rows as f64),
        f_rss,
        median(first.iter().map(|r| r.cpu.as_secs_f64())),
        Some(f_first),
    );
    row(
        "readout ingest again, unchanged",
        a_wall,
        None,
        a_rss,
        median(again.iter().map(|r| r.cpu.as_secs_f64())),
        None,
    );
    if let Some(baseline) = &args.baseline {
        row(
            "baseline ingest, empty database",
            median(base_first.iter().map(|r| r.wall.as_secs_f64())),
            None,
            median(base_first.iter().map(|r| r.peak_rss_mb)),
            median(base_first.iter().map(|r| r.cpu.as_secs_f64())),
            Some(median(base_first.iter().map(|r| r.first_stored.map_or(f64::NAN, |d| d.as_secs_f64())))),
        );
        println!("baseline: {}", baseline.display());
    }
    println!("\njieba-rs cut {words} words; readout wrote {rows} rows (every table).");
    let overlap = |runs: &[Measured]| {
        let waited = |f: fn(&Overlap) -> f64| median(runs.iter().filter_map(|r| r.overlap.as_ref()).map(f));
        (waited(|o| o.writer_waited), waited(|o| o.stages_waited))
    };
    let (writer_waited, stages_waited) = overlap(&first);
    if writer_waited.is_finite() {
        println!(
            "overlap:  of {f_wall:.3} s, the writer waited {writer_waited:.3} s for the stages, and the stages (per worker) {stages_waited:.3} s for the writer"
        );
    }
    let text_mb = mbytes;
    let db = median(db_mb.iter().copied());
    println!("database: {db:.1} MB, {:.2} x the {text_mb:.1} MB of text it holds", db / text_mb);
    if args.baseline.is_some() {
        let base_wall = median(base_first.iter().map(|r| r.wall.as_secs_f64()));
        let base_cpu = median(base_first.iter().map(|r| r.cpu.as_secs_f64()));
        let base_db = median(base_db_mb.iter().copied());
        let cpu = median(first.iter().map(|r| r.cpu.as_secs_f64()));
        println!(
            "baseline: ingest {:.2} x as fast (wall, medians; each run's: {:?} against {:?}), {:.2} x less CPU; database {base_db:.1} MB ({:.2} x the text)",
            base_wall / f_wall,
            secs(&mut first.iter().map(|r| r.wall)),
            secs(&mut base_first.iter().map(|r| r.wall)),
            base_cpu / cpu,
            base_db / text_mb
        );
    }
    println!(
        "wall s of each run: empty database {:?}; unchanged {:?}; jieba-rs 1 thread {:?}",
        secs(&mut first.iter().map(|r| r.wall)),
        secs(&mut again.iter().map(|r| r.wall)),
        secs(&mut jieba1.iter().map(|j| j.wall))
    );
    let ratio = j1 / f_wall;
    println!(
        "\nreadout / jieba-rs alone: {ratio:.2} (1 thread), {:.2} (2 threads)  [throughput of the first ingest over jieba-rs's]",
        j2 / f_wall
    );
    println!(
        "parts / jieba-rs alone (1 thread): stages {:.2}, store {:.2}  [one writer: readout's ratio cannot exceed the store's]",
        j1 / stages_s,
        j1 / writing_s
    );
    let base_parts =
        (!base_writing.is_empty()).then(|| (median(base_stages.iter().copied()), median(base_writing.iter().copied())));
    if let Some((b_stages, b_writing)) = base_parts {
        println!(
            "baseline parts (1 thread): stages {b_stages:.3} s, store {b_writing:.3} s; this build's stages {:.2} x as fast, store {:.2} x (medians; each run's store: {:?} against {:?})",
            b_stages / stages_s,
            b_writing / writing_s,
            writing.iter().map(|s| format!("{s:.3}")).collect::<Vec<_>>(),
            base_writing.iter().map(|s| format!("{s:.3}")).collect::<Vec<_>>()
        );
    }
    let rerun_per_1000 = a_wall * 1000.0 / pages;
    let verdict = |met: bool| if met { "met" } else { "NOT MET" };
    println!("goals:");
    println!("  throughput >= {GOAL_RATIO} x jieba-rs alone (1 thread): {} ({ratio:.2})", verdict(ratio >= GOAL_RATIO));
    let peak = f_rss.max(a_rss);
    println!("  peak memory <= {GOAL_PEAK_MB} MB: {} ({peak:.1} MB)", verdict(peak <= GOAL_PEAK_MB));
    println!(
        "  unchanged re-run of 1,000 files <= {GOAL_RERUN_S_PER_1000} s: {} ({rerun_per_1000:.3} s per 1,000 files)",
        verdict(rerun_per_1000 <= GOAL_RERUN_S_PER_1000)
    );
    println!(
        "  first page committed <= {GOAL_FIRST_PAGE_S} s: {} ({f_first:.3} s)",
        verdict(f_first <= GOAL_FIRST_PAGE_S)
    );
    let times_text = db / text_mb;
    println!(
        "  database <= {GOAL_DB_TIMES_TEXT} x its text: {} ({times_text:.2} x)",
        verdict(times_text <= GOAL_DB_TIMES_TEXT)
    );
    if args.baseline.is_some() {
        let speedup = median(base_first.iter().map(|r| r.wall.as_secs_f64())) / f_wall;
        println!(
            "  ingest >= {GOAL_INGEST_SPEEDUP} x as fast as the baseline: {} ({speedup:.2} x)",
            verdict(speedup >= GOAL_INGEST_SPEEDUP)
        );
    }
    if let Some((_, b_writing)) = base_parts {
        let speedup = b_writing / writing_s;
        println!(
            "  store alone >= {GOAL_STORE_SPEEDUP} x as fast as the baseline's: {} ({speedup:.2} x)",
            verdict(speedup >= GOAL_STORE_SPEEDUP)
        );
    }
    Ok(())
}

/// The `*.txt` files of a folder (not below it), sorted.
fn txt_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// A folder for the corpus and databases, removed at the end unless kept.
struct Workspace {
    path: PathBuf,
    remove: bool,
}

impl Workspace {
    fn new(dir: Option<PathBuf>, keep: bool) -> io::Result<Workspace> {
        let (path, made) = match dir {
            Some(dir) => (dir, false),
            None => (std::env::temp_dir().join(format!("readout-bench-{}", std::process::id())), true),
        };
        if path.join("corpus").exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} already holds a corpus; give another --dir", path.display()),
            ));
        }
        fs::create_dir_all(&path)?;
        Ok(Workspace { remove: !keep, path: if made { path } else { path.canonicalize()? } })
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        if self.remove {
            let _ = fs::remove_dir_all(self.path.join("corpus"));
            let _ = fs::remove_dir(&self.path);
        }
    }
}

/// The size of a database, its WAL included, in MB.
fn database_mb(db: &Path) -> io::Result<f64> {
    let mut bytes = 0;
    for suffix in ["", "-wal"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        match fs::metadata(PathBuf::from(name)) {
            Ok(meta) => bytes += meta.len(),
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            Err(_) => {}
        }
    }
    Ok(bytes as f64 / 1e6)
}

fn remove_database(db: &Path) -> io::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        match fs::remove_file(PathBuf::from(name)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

struct JiebaRun {
    wall: Duration,
    cpu: Duration,
    peak_rss_mb: f64,
}

/// What `time_jieba` measured.
struct JiebaTiming {
    wall: Duration,
    cpu: Duration,
    words: u64,
}

/// jieba-rs cutting every file's text, on `threads` threads each taking every `threads`-th
/// file. Only the cutting is timed (summed over files, the longest thread's sum counting);
/// reading and decoding the files is not.
fn time_jieba(files: &[PathBuf], tokenizer: &Tokenizer, threads: usize) -> anyhow::Result<JiebaTiming> {
    tokenizer.words("先加载词典"); // the dictionary loads on the first cut: not timed
    let results: Vec<anyhow::Result<(Duration, u64)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let mut cut = Duration::ZERO;
                    let mut words = 0u64;
                    for path in files.iter().skip(t).step_by(threads) {
                        let source = reader::read(path, reader::DEFAULT_MAX_BYTES)
                            .with_context(|| format!("{}: cannot read", path.display()))?;
                        let started = Instant::now();
                        words += tokenizer.words(&source.text).len() as u64;
                        cut += started.elapsed();
                    }
                    Ok((cut, words))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a jieba thread panicked")).collect()
    });
    let mut run = JiebaTiming { wall: Duration::ZERO, cpu: Duration::ZERO, words: 0 };
    for result in results {
        let (cut, words) = result?;
        run.wall = run.wall.max(cut);
        run.cpu += cut;
        run.words += words;
    }
    Ok(run)
}

/// How long, in a run of `readout ingest`, the writer waited for the stages and the stages
/// (per worker) for the writer.
struct Overlap {
    writer_waited: f64,
    stages_waited: f64,
}

impl Overlap {
    /// Reads the log line `readout ingest -v --log-format json` writes at the end of a run.
    fn from_log(line: &str) -> Option<Overlap> {
        let field = |name: &str| -> Option<f64> {
            let start = line.find(&format!("\"{name}\":"))? + name.len() + 3;
            let rest = &line[start..];
            rest[..rest.find([',', '}'])?].parse().ok()
        };
        Some(Overlap { writer_waited: field("writer_waited_s")?, stages_waited: field("stages_waited_s")? })
    }
}

/// A child process, measured.
struct Measured {
    status: Option<i32>,
    wall: Duration,
    cpu: Duration,
    peak_rss_mb: f64,
    stdout: String,
    /// For `readout ingest`: when the first `stored` log line came, and the files stored and
    /// skipped as unchanged.
    first_stored: Option<Duration>,
    stored: usize,
    unchanged: usize,
    /// For `readout ingest`: how much the stages and the store overlapped, as its log says.
    overlap: Option<Overlap>,
    /// The other lines of its standard error (errors, mostly), the first few.
    other_lines: Vec<String>,
}

impl Measured {
    fn check(&self, what: &str, stored: usize, unchanged: usize) -> anyhow::Result<()> {
        if self.status != Some(0) || self.stored != stored || self.unchanged != unchanged {
            bail!(
                "{what}: exit status {:?}, {} stored, {} unchanged (expected {stored} and {unchanged}); {:?}",
                self.status,
                self.stored,
                self.unchanged,
                self.other_lines
            );
        }
        Ok(())
    }
}

/// Runs `readout ingest` with a JSON log line for every file.
fn run_ingest(readout: &Path, db: &Path, corpus: &Path) -> anyhow::Result<Measured> {
    let mut command = Command::new(readout);
    command.args(["-v", "--log-format", "json", "ingest", "--db"]).arg(db).arg(corpus);
    run_measured(&mut command).with_context(|| format!("cannot run {}", readout.display()))
}

/// Runs a command and measures it: wall time, CPU time and peak memory from the kernel, and
/// what it writes.
fn run_measured(command: &mut Command) -> anyhow::Result<Measured> {
    let started = Instant::now();
    let mut child = command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    let stderr = child.stderr.take().expect("stderr is piped");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    // The log is read as it comes, so that the first `stored` line is seen when it is written.
    let log = std::thread::spawn(move || {
        let (mut first, mut stored, mut unchanged, mut other) = (None, 0, 0, Vec::new());
        let mut overlap = None;
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains(r#""message":"stored""#) || line.contains(r#""message":"replaced the previous version""#) {
                first.get_or_insert_with(|| started.elapsed());
                stored += 1;
            } else if line.contains(r#""message":"unchanged, skipped""#) {
                unchanged += 1;
            } else if line.contains(r#""message":"overlap of the stages and the store""#) {
                overlap = Overlap::from_log(&line);
            } else if other.len() < 10 && !line.contains(r#""level":"INFO""#) {
                other.push(line);
            }
        }
        (first, stored, unchanged, other, overlap)
    });
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        io::Read::read_to_string(&mut stdout, &mut text).map(|_| text)
    });
    let (status, usage) = wait_with_usage(child.id())?;
    let wall = started.elapsed();
    let (first_stored, stored, unchanged, other_lines, overlap) = log.join().expect("the log reader panicked");
    let stdout = out.join().expect("the output reader panicked")?;
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok(Measured {
        status: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        // Linux gives ru_maxrss in kilobytes (1024 bytes).
        peak_rss_mb: usage.ru_maxrss as f64 * 1024.0 / 1e6,
        stdout,
        first_stored,
        stored,
        unchanged,
        overlap,
        other_lines,
    })
}

/// Waits for a child and returns its wait status and resource usage (peak memory, CPU time).
fn wait_with_usage(pid: u32) -> io::Result<(i32, libc::rusage)> {
    let mut status = 0;
    // SAFETY: rusage is a plain C struct for which all zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is a child of this process not yet waited for, and both pointers are
        // valid for writes for the duration of the call.
        let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
        if waited != -1 {
            return Ok((status, usage));
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

/// Rows in every table of a database, views and readout's own bookkeeping aside.
fn count_rows(db: &Path) -> anyhow::Result<u64> {
    let store = Store::open_read_only(db, DEFAULT_BUSY_TIMEOUT)?;
    let rows = store
        .table_rows()?
        .into_iter()
        .filter(|t| !t.is_virtual && t.table != "refinery_schema_history")
        .map(|t| t.rows as u64)
        .sum();
    Ok(rows)
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// The number of CPUs and their model.
fn machine() -> (usize, String) {
    let nproc = std::thread::available_parallelism().map_or(1, |n| n.get());
    let model = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    (nproc, model)
}

fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string())
}
