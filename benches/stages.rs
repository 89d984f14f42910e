//! Per-stage timings on the sample page, so that a regression in one stage shows: dewrap,
//! segment (with jieba's cut), classify, extract, and writing a page to an in-memory
//! database. `cargo bench --bench stages`.

use std::hint::black_box;
use std::path::PathBuf;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use readout::pipeline::{IssueDateOrigin, process};
use readout::reader;
use readout::segment::Tokenizer;
use readout::store::Store;
use readout::{classify, dewrap, extract, segment};

fn sample() -> reader::SourceFile {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/000_33a1af8f75da2c74.txt");
    reader::read(&path, reader::DEFAULT_MAX_BYTES).expect("the sample page reads")
}

fn stages(c: &mut Criterion) {
    let source = sample();
    let issue = NaiveDate::from_ymd_opt(2024, 4, 2);
    let tokenizer = Tokenizer::new();
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(source.byte_len));
    group.bench_function("dewrap", |b| b.iter(|| dewrap::dewrap(black_box(&source.text))));
    let (dewrapped, _) = dewrap::dewrap(&source.text);
    // Load jieba's dictionary before timing.
    let _ = segment::segment(&dewrapped, &tokenizer);
    group.bench_function("segment", |b| b.iter(|| segment::segment(black_box(&dewrapped), &tokenizer)));
    group.bench_function("classify", |b| {
        b.iter_batched(
            || segment::segment(&dewrapped, &tokenizer).0,
            |segmented| classify::classify(black_box(segmented)),
            criterion::BatchSize::SmallInput,
        )
    });
    let (classified, _) = classify::classify(segment::segment(&dewrapped, &tokenizer).0);
    group.bench_function("extract", |b| b.iter(|| extract::extract(black_box(&classified), issue)));
    group.bench_function("whole page", |b| {
        b.iter(|| process(black_box(source.clone()), issue, IssueDateOrigin::Flag, &tokenizer))
    });
    group.bench_function("store", |b| {
        b.iter_batched(
            || {
                (
                    Store::open_in_memory().expect("an in-memory database"),
                    process(source.clone(), issue, IssueDateOrigin::Flag, &tokenizer),
                )
            },
            |(mut store, page)| store.write_page(black_box(&page)).expect("the page is stored"),
            criterion::BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
