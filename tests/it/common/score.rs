//! Scores an ingested database against hand-annotated gold files: a Rust port of
//! `tools/score.py`, so the test suite can measure extraction quality without Python.
//!
//! Input: a connection to a database that answers the contract views (`v_articles` …
//! `v_approved_documents`, see `CONTRACT.md`) and one [`Gold`] per annotated page. Output:
//! a [`Report`] with precision / recall / F1 per table, accuracy per field, and every miss,
//! extra and wrong value; its `Display` prints what `score.py --verbose` prints.
//!
//! The port mirrors score.py step by step and in the same order, with the same thresholds
//! and tie-breaks, so both give the same counts on the same database. Where Python's
//! semantics leak into the result — dynamic types from sqlite3, truthiness, `max` keeping
//! the first of equal items, `sort(reverse=True)` on tuples — the port reproduces them, and
//! a comment says so. What it does not mirror: score.py exits when a contract query fails,
//! here that is a panic with the same message; score.py would crash on some malformed
//! values (a non-integer `article_seq`, an issue date that is not `YYYY-MM-DD`), here those
//! panic too.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use rusqlite::Connection;
use rusqlite::types::Value as SqlValue;
use serde::Deserialize;

// ---------------------------------------------------------------------------------------
// Gold files
// ---------------------------------------------------------------------------------------

/// One hand-annotated page. Fields score.py does not read (`note`, `dateline`, `agenda`,
/// `terms`, `witnesses`, `unit_kind`, `first_scope`, `signer_title`) are ignored. A field
/// score.py reads with `.get` has a default here; one it indexes directly is required,
/// except that a missing nullable value reads as `null`.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// The input file's name, as in `v_articles.source`.
    pub source: String,
    pub articles: Vec<GoldArticle>,
    pub meetings: Vec<GoldMeeting>,
    #[serde(default)]
    pub agreements: Vec<GoldAgreement>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    pub article_seq: i64,
    pub kind: Option<String>,
    pub headlines: Vec<String>,
    /// The article's paragraphs in full …
    pub paragraphs: Option<Vec<String>>,
    /// … or, where the text may not be published, their fingerprints
    /// (first six characters, last six, length; see [`para_key`]).
    pub paragraph_keys: Option<Vec<(String, String, i64)>>,
    pub pull_quotes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldMeeting {
    pub article_seq: i64,
    pub name: String,
    /// Days from the issue date.
    pub date_offset_days: Option<i64>,
    pub time_of_day: Option<String>,
    pub location: Option<String>,
    pub chair: Option<String>,
    pub attendance: Vec<GoldAttendance>,
    pub unit_reports: Vec<GoldUnitReport>,
    #[serde(default)]
    pub approved_documents: Vec<GoldDocument>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldAttendance {
    pub person: String,
    pub title: Option<String>,
    pub role: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldUnitReport {
    pub unit: String,
    pub speaker: String,
    pub achievements: Vec<GoldAchievement>,
    pub shortfalls: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldAchievement {
    pub text: String,
    pub period: Option<String>,
    pub rank_scope: Option<String>,
    pub rank: Option<i64>,
    pub streak_years: Option<i64>,
    pub value: Option<f64>,
    pub measure: Option<String>,
    pub qualifier: Option<String>,
    /// The quantity is not checked (the annotator could not decide whether it is one).
    #[serde(default)]
    pub optional_quantity: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldDocument {
    pub title: String,
    pub decision: Option<String>,
    pub period_start_year: Option<i64>,
    pub period_end_year: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldAgreement {
    pub article_seq: i64,
    pub title: String,
    pub date_offset_days: Option<i64>,
    pub location: Option<String>,
    pub parties: Vec<GoldParty>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldParty {
    pub party: String,
    pub signer: Option<String>,
}

/// Reads a gold file; panics with the path and position when it cannot.
pub fn load_gold(path: &Path) -> Gold {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------
// Text measures
// ---------------------------------------------------------------------------------------

/// Python's `str.isspace`, which `\s` matches in a `str` regex: Unicode `White_Space`
/// (Rust's `char::is_whitespace`) plus the four separators U+001C..U+001F.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// score.py's `norm`: NFKC, then every white-space character removed, so that texts
/// compare without white space and without the width of punctuation (`，` = `,`).
///
/// There is no Unicode normalization crate among the dependencies, so this implements the
/// part of NFKC that the pages and gold files exercise: the full-width ASCII variants
/// U+FF01..U+FF5E become ASCII, U+3000 (ideographic space) becomes a space (and is then
/// removed), and U+2026 `…` becomes `...` (common in Chinese prose as `……`; NFKC expands
/// it, which changes lengths and bigrams). Every other character NFKC would change maps
/// to a space or is rare in this text: the other Unicode spaces are removed as white space
/// anyway; compatibility ideographs, circled numbers, half-width katakana and the like are
/// left as they are.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{FF01}'..='\u{FF5E}' => out.push(char::from_u32(c as u32 - 0xFEE0).expect("ASCII")),
            '\u{2026}' => out.push_str("..."),
            c if is_python_space(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The first `n` characters of `s` (Python's `s[:n]`).
fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The last `n` characters of `s` (Python's `s[-n:]`).
fn tail(s: &str, n: usize) -> String {
    let len = s.chars().count();
    s.chars().skip(len.saturating_sub(n)).collect()
}

/// A paragraph's fingerprint: its first and last six characters and its length, after
/// [`norm`].
pub fn para_key(p: &str) -> PyValue {
    let p = norm(p);
    PyValue::Tuple(vec![PyValue::Str(head(&p, 6)), PyValue::Str(tail(&p, 6)), PyValue::Int(p.chars().count() as i64)])
}

/// [`norm`], and the title marks `《》` taken off when they enclose the whole text.
pub fn strip_title(s: &str) -> String {
    let s = norm(s);
    if s.starts_with('《') && s.ends_with('》') {
        // at least two characters: one cannot be both 《 and 》
        let chars: Vec<char> = s.chars().collect();
        chars[1..chars.len() - 1].iter().collect()
    } else {
        s
    }
}

/// The character bigrams of the normalized text; a one-character text is its own only
/// "bigram", an empty one has none.
pub fn bigrams(s: &str) -> Vec<String> {
    let chars: Vec<char> = norm(s).chars().collect();
    if chars.len() >= 2 {
        chars.windows(2).map(|w| w.iter().collect()).collect()
    } else if chars.is_empty() {
        Vec::new()
    } else {
        vec![chars.iter().collect()]
    }
}

/// Dice's coefficient of two bigram multisets: twice the shared bigrams over the total.
fn dice_grams(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut pool: HashMap<&str, usize> = HashMap::new();
    for g in a {
        *pool.entry(g).or_default() += 1;
    }
    let mut hit = 0usize;
    for g in b {
        if let Some(c) = pool.get_mut(g.as_str())
            && *c > 0
        {
            *c -= 1;
            hit += 1;
        }
    }
    (2 * hit) as f64 / (a.len() + b.len()) as f64
}

/// How alike two texts are, 0.0 to 1.0: [`dice_grams`] of their [`bigrams`].
pub fn dice(a: &str, b: &str) -> f64 {
    dice_grams(&bigrams(a), &bigrams(b))
}

/// The reporting unit a name stands for: a district's or county's party committee
/// (`闵行区委`) speaks for the district (`闵行区`). score.py's `re.fullmatch(r".+[区县區縣]委")`:
/// at least one character, then 区, 县, 區 or 縣, then 委.
pub fn unit_key(u: &str) -> String {
    let u = norm(u);
    let chars: Vec<char> = u.chars().collect();
    let n = chars.len();
    if n >= 3 && chars[n - 1] == '委' && matches!(chars[n - 2], '区' | '县' | '區' | '縣') {
        chars[..n - 1].iter().collect()
    } else {
        u
    }
}

// ---------------------------------------------------------------------------------------
// Python values
// ---------------------------------------------------------------------------------------

/// A value as score.py sees it: what Python's `sqlite3` returns for a column, what `json`
/// returns for a gold field, and the tuples and lists built from them. Field checks and
/// exact matching compare these with Python's `==` (so `1 == 1.0`, `None` equals only
/// `None`, a tuple never equals a list), and messages print them with Python's `repr`.
#[derive(Debug, Clone)]
pub enum PyValue {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<PyValue>),
    List(Vec<PyValue>),
}

impl PartialEq for PyValue {
    fn eq(&self, other: &Self) -> bool {
        use PyValue::*;
        match (self, other) {
            (None, None) => true,
            (Str(a), Str(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (Tuple(a), Tuple(b)) | (List(a), List(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Bool(a), Bool(b)) => a == b,
            // bool is an int in Python, and an int equals the float of the same value
            (Bool(_) | Int(_) | Float(_), Bool(_) | Int(_) | Float(_)) => self.number() == other.number(),
            _ => false,
        }
    }
}

impl PyValue {
    fn number(&self) -> Option<f64> {
        match self {
            PyValue::Bool(b) => Some(f64::from(u8::from(*b))),
            PyValue::Int(i) => Some(*i as f64),
            PyValue::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// Python's truthiness (`if x`, `x or y`).
    pub fn truthy(&self) -> bool {
        match self {
            PyValue::None => false,
            PyValue::Bool(b) => *b,
            PyValue::Int(i) => *i != 0,
            PyValue::Float(f) => *f != 0.0,
            PyValue::Str(s) => !s.is_empty(),
            PyValue::Bytes(b) => !b.is_empty(),
            PyValue::Tuple(v) | PyValue::List(v) => !v.is_empty(),
        }
    }

    /// `x or None`.
    fn or_none(&self) -> PyValue {
        if self.truthy() { self.clone() } else { PyValue::None }
    }

    /// The text a nullable text column holds, as score.py's `norm(s)` and `(s or "")` read
    /// it: a falsy value is `""`. A truthy non-text value would make Python raise; here it
    /// panics.
    fn text(&self) -> &str {
        match self {
            PyValue::Str(s) => s,
            v if !v.truthy() => "",
            v => panic!("score: expected text, found {}", v.repr()),
        }
    }

    /// Python's `float(x)` for a non-NULL column value.
    fn float(&self) -> f64 {
        match self {
            PyValue::Str(s) => {
                s.trim().parse().unwrap_or_else(|_| panic!("score: could not convert {} to float", self.repr()))
            }
            v => v.number().unwrap_or_else(|| panic!("score: could not convert {} to float", v.repr())),
        }
    }

    /// `-s - 1000` of a predicted `article_seq`, which Python can compute for a number
    /// only; for anything else (NULL included) it raises, and this panics.
    fn unmapped_seq(&self) -> PyValue {
        match self {
            PyValue::Int(i) => PyValue::Int(-i - 1000),
            PyValue::Bool(b) => PyValue::Int(-i64::from(*b) - 1000),
            PyValue::Float(f) => PyValue::Float(-f - 1000.0),
            v => panic!("score: bad operand type for unary -: article_seq {}", v.repr()),
        }
    }

    /// The order Python's `sorted` gives numbers (the only values it is used on here
    /// besides strings); anything else sorts after them.
    fn number_order(&self, other: &Self) -> std::cmp::Ordering {
        match (self.number(), other.number()) {
            (Some(a), Some(b)) => a.total_cmp(&b),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    }

    /// Python's `repr`. Floats print in Python's style for the values that occur
    /// (`45000.0`); a float needing an exponent prints without one, where Python would use
    /// one (`1e+16`) — a difference in messages only.
    pub fn repr(&self) -> String {
        match self {
            PyValue::None => "None".into(),
            PyValue::Bool(true) => "True".into(),
            PyValue::Bool(false) => "False".into(),
            PyValue::Int(i) => i.to_string(),
            PyValue::Float(f) if f.is_nan() => "nan".into(),
            PyValue::Float(f) if f.is_infinite() => (if *f > 0.0 { "inf" } else { "-inf" }).into(),
            PyValue::Float(f) if f.fract() == 0.0 && f.abs() < 1e16 => format!("{f:.1}"),
            PyValue::Float(f) => f.to_string(),
            PyValue::Str(s) => repr_str(s),
            PyValue::Bytes(b) => format!("b{}", repr_str(&String::from_utf8_lossy(b))),
            PyValue::Tuple(v) if v.len() == 1 => format!("({},)", v[0].repr()),
            PyValue::Tuple(v) => format!("({})", v.iter().map(PyValue::repr).collect::<Vec<_>>().join(", ")),
            PyValue::List(v) => format!("[{}]", v.iter().map(PyValue::repr).collect::<Vec<_>>().join(", ")),
        }
    }
}

/// Python's `str(x)`, which f-strings use: a string as it is, anything else as `repr`.
impl fmt::Display for PyValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PyValue::Str(s) => f.write_str(s),
            v => f.write_str(&v.repr()),
        }
    }
}

impl From<SqlValue> for PyValue {
    fn from(v: SqlValue) -> Self {
        match v {
            SqlValue::Null => PyValue::None,
            SqlValue::Integer(i) => PyValue::Int(i),
            SqlValue::Real(f) => PyValue::Float(f),
            SqlValue::Text(s) => PyValue::Str(s),
            SqlValue::Blob(b) => PyValue::Bytes(b),
        }
    }
}

impl From<&str> for PyValue {
    fn from(s: &str) -> Self {
        PyValue::Str(s.to_string())
    }
}

impl From<String> for PyValue {
    fn from(s: String) -> Self {
        PyValue::Str(s)
    }
}

impl From<i64> for PyValue {
    fn from(i: i64) -> Self {
        PyValue::Int(i)
    }
}

impl From<f64> for PyValue {
    fn from(f: f64) -> Self {
        PyValue::Float(f)
    }
}

impl From<bool> for PyValue {
    fn from(b: bool) -> Self {
        PyValue::Bool(b)
    }
}

impl<T: Into<PyValue>> From<Option<T>> for PyValue {
    fn from(v: Option<T>) -> Self {
        v.map_or(PyValue::None, Into::into)
    }
}

/// Python's `repr` of a string: single quotes unless the text holds one and no double
/// quote; backslash, the quote and control characters escaped. Python also escapes other
/// non-printable characters (format characters, spaces other than U+0020); this escapes the
/// white-space ones and the zero-width ones (U+200B..U+200F, U+2060, U+FEFF).
fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control()
                || (c.is_whitespace() && c != ' ')
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}') =>
            {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn tuple(items: impl IntoIterator<Item = PyValue>) -> PyValue {
    PyValue::Tuple(items.into_iter().collect())
}

// ---------------------------------------------------------------------------------------
// Tallies
// ---------------------------------------------------------------------------------------

/// The tables scored, in score.py's order (the order of the printout and of the mean).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    Articles,
    Paragraphs,
    Headlines,
    PullQuotes,
    Meetings,
    Attendance,
    UnitReports,
    Achievements,
    Shortfalls,
    Agreements,
    ApprovedDocuments,
}

impl Table {
    pub const ALL: [Table; 11] = [
        Table::Articles,
        Table::Paragraphs,
        Table::Headlines,
        Table::PullQuotes,
        Table::Meetings,
        Table::Attendance,
        Table::UnitReports,
        Table::Achievements,
        Table::Shortfalls,
        Table::Agreements,
        Table::ApprovedDocuments,
    ];

    /// The name score.py prints.
    pub fn name(self) -> &'static str {
        match self {
            Table::Articles => "articles",
            Table::Paragraphs => "paragraphs",
            Table::Headlines => "headlines",
            Table::PullQuotes => "pull_quotes",
            Table::Meetings => "meetings",
            Table::Attendance => "attendance",
            Table::UnitReports => "unit_reports",
            Table::Achievements => "achievements",
            Table::Shortfalls => "shortfalls",
            Table::Agreements => "agreements",
            Table::ApprovedDocuments => "approved_documents",
        }
    }
}

/// True positives, false positives and false negatives of one table, with the missed and
/// the extra items where score.py lists them. Counts are signed because score.py's article
/// count can go negative: when several gold articles map to the same predicted one, the
/// false positives are `predicted − mapped`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub tp: i64,
    pub fp: i64,
    /// False negatives (`fn` is a keyword).
    pub fn_: i64,
    pub misses: Vec<String>,
    pub extras: Vec<String>,
}

impl Tally {
    fn add(&mut self, tp: i64, fp: i64, fn_: i64) {
        self.tp += tp;
        self.fp += fp;
        self.fn_ += fn_;
    }

    /// Precision, recall and F1 with score.py's edge cases: nothing predicted is precision
    /// 1 if nothing was missed either, else 0; nothing to find is recall 1; F1 is 0 when
    /// precision and recall are both 0.
    pub fn prf(&self) -> (f64, f64, f64) {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        let p = if self.tp + self.fp != 0 {
            tp / (tp + fp)
        } else if self.fn_ == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ != 0 { tp / (tp + fn_) } else { 1.0 };
        let f = if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }

    pub fn precision(&self) -> f64 {
        self.prf().0
    }

    pub fn recall(&self) -> f64 {
        self.prf().1
    }

    pub fn f1(&self) -> f64 {
        self.prf().2
    }
}

/// How often one field of the matched items was right, and what it was when it was not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldScore {
    pub ok: usize,
    pub n: usize,
    /// `where: want X, got Y`, in score.py's words.
    pub wrong: Vec<String>,
}

impl FieldScore {
    pub fn accuracy(&self) -> f64 {
        self.ok as f64 / self.n as f64
    }
}

#[derive(Default)]
struct Fields {
    scores: BTreeMap<&'static str, FieldScore>,
    /// Field names in the order they were first checked (score.py's dict order).
    order: Vec<&'static str>,
}

impl Fields {
    fn check(&mut self, name: &'static str, want: PyValue, got: PyValue, place: &str) {
        if !self.scores.contains_key(name) {
            self.order.push(name);
        }
        let field = self.scores.entry(name).or_default();
        field.n += 1;
        if want == got {
            field.ok += 1;
        } else {
            field.wrong.push(format!("{place}: want {}, got {}", want.repr(), got.repr()));
        }
    }
}

/// Exact multiset matching of keys. Extras are listed in the order their key first
/// appears among the predictions (the order of score.py's `pool` dict).
pub fn match_sets(gold: &[PyValue], pred: &[PyValue], tally: &mut Tally, label: &str) {
    // a linear pool rather than a hash map: PyValue's equality is Python's (1 == 1.0),
    // which a derived Hash would not honor, and the pools are small
    let mut pool: Vec<(&PyValue, i64)> = Vec::new();
    for k in pred {
        match pool.iter_mut().find(|(p, _)| *p == k) {
            Some((_, c)) => *c += 1,
            None => pool.push((k, 1)),
        }
    }
    let mut tp = 0;
    for k in gold {
        match pool.iter_mut().find(|(p, c)| *p == k && *c > 0) {
            Some((_, c)) => {
                *c -= 1;
                tp += 1;
            }
            None => tally.misses.push(format!("{label}: {k}")),
        }
    }
    let mut extra = 0;
    for (k, c) in pool {
        for _ in 0..c {
            tally.extras.push(format!("{label}: {k}"));
            extra += 1;
        }
    }
    tally.add(tp, extra, gold.len() as i64 - tp);
}

/// The outcome of [`greedy_fuzzy`], as indices into its inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct FuzzyMatch {
    /// (gold, predicted) pairs, most alike first.
    pub pairs: Vec<(usize, usize)>,
    /// Gold items left unpaired, in input order.
    pub missed: Vec<usize>,
    /// Predicted items left unpaired, in input order.
    pub extra: Vec<usize>,
}

/// Pairs gold and predicted texts whose [`dice`] is at least `threshold`, most alike first.
///
/// Ties break as score.py's `cand.sort(reverse=True)` on `(dice, i, j)` does: between
/// equally alike candidates the one with the later gold item, then the later predicted
/// item, is paired first.
pub fn greedy_fuzzy(gold: &[&str], pred: &[&str], threshold: f64) -> FuzzyMatch {
    let gold_grams: Vec<Vec<String>> = gold.iter().map(|s| bigrams(s)).collect();
    let pred_grams: Vec<Vec<String>> = pred.iter().map(|s| bigrams(s)).collect();
    let mut cand = Vec::new();
    for (i, g) in gold_grams.iter().enumerate() {
        for (j, p) in pred_grams.iter().enumerate() {
            let d = dice_grams(g, p);
            if d >= threshold {
                cand.push((d, i, j));
            }
        }
    }
    cand.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let (mut gi, mut pj) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in cand {
        if gi[i] || pj[j] {
            continue;
        }
        gi[i] = true;
        pj[j] = true;
        pairs.push((i, j));
    }
    FuzzyMatch {
        pairs,
        missed: (0..gold.len()).filter(|&i| !gi[i]).collect(),
        extra: (0..pred.len()).filter(|&j| !pj[j]).collect(),
    }
}

/// Python's `max(items, key=key)`: the first item with the greatest key
/// (`Iterator::max_by_key` would return the last).
fn first_max<T, K: PartialOrd>(items: impl IntoIterator<Item = T>, key: impl Fn(&T) -> K) -> Option<T> {
    let mut best: Option<(T, K)> = None;
    for item in items {
        let k = key(&item);
        if best.as_ref().is_none_or(|(_, bk)| k > *bk) {
            best = Some((item, k));
        }
    }
    best.map(|(item, _)| item)
}

// ---------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------

/// What [`score`] found: per table, per field, and the sources it found nothing for.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Indexed by `Table as usize`; see [`Report::table`].
    pub tables: [Tally; 11],
    /// By field name (`meeting.date`), sorted as score.py prints them.
    pub fields: BTreeMap<&'static str, FieldScore>,
    /// What score.py prints on standard error (a source with no articles).
    pub warnings: Vec<String>,
    /// Field names in the order they were first checked: the order score.py sums their
    /// accuracies in, which can change the last bit of the mean.
    field_order: Vec<&'static str>,
}

impl Report {
    pub fn table(&self, table: Table) -> &Tally {
        &self.tables[table as usize]
    }

    fn table_mut(&mut self, table: Table) -> &mut Tally {
        &mut self.tables[table as usize]
    }

    /// The field's score, if any item was checked for it.
    pub fn field(&self, name: &str) -> Option<&FieldScore> {
        self.fields.get(name)
    }

    /// The mean of the eleven table F1 scores ("overall F1").
    pub fn overall_f1(&self) -> f64 {
        Table::ALL.iter().map(|&t| self.table(t).f1()).sum::<f64>() / Table::ALL.len() as f64
    }

    /// The mean of the field accuracies, 0 when no field was checked.
    pub fn field_accuracy(&self) -> f64 {
        if self.fields.is_empty() {
            return 0.0;
        }
        // summed left to right in the order the fields were first checked, as Python 3.11's
        // sum() does (3.12 compensates for rounding, which can differ in the last bit)
        let mut sum = 0.0;
        for name in &self.field_order {
            sum += self.fields[name].accuracy();
        }
        sum / self.fields.len() as f64
    }
}

/// What `score.py --verbose` prints on standard output, line for line.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<20}{:>7}{:>7}{:>7}   tp  fp  fn", "table", "P", "R", "F1")?;
        for table in Table::ALL {
            let t = self.table(table);
            let (p, r, f1) = t.prf();
            writeln!(f, "{:<20}{p:7.3}{r:7.3}{f1:7.3} {:4}{:4}{:4}", table.name(), t.tp, t.fp, t.fn_)?;
            for m in &t.misses {
                writeln!(f, "    missing  {m}")?;
            }
            for m in &t.extras {
                writeln!(f, "    extra    {m}")?;
            }
        }
        writeln!(f, "{:<26}{:>9}   ok/n", "field", "accuracy")?;
        for (name, field) in &self.fields {
            writeln!(f, "{name:<26}{:9.3}   {}/{}", field.accuracy(), field.ok, field.n)?;
            for w in &field.wrong {
                writeln!(f, "    wrong    {w}")?;
            }
        }
        writeln!(f, "field accuracy {:.3}", self.field_accuracy())?;
        writeln!(f, "overall F1 {:.3}", self.overall_f1())
    }
}

// ---------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------

/// Runs one contract query for one source; each row as its columns in `SELECT` order.
fn rows<const N: usize>(conn: &Connection, sql: &str, src: &str) -> Vec<[PyValue; N]> {
    fn fail<T>(sql: &str, e: rusqlite::Error) -> T {
        panic!("score.py: the database does not answer the contract query ({e}):\n  {sql}")
    }
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| fail(sql, e));
    assert_eq!(stmt.column_count(), N, "score: column count of {sql}");
    let mut out = Vec::new();
    let mut result = stmt.query([src]).unwrap_or_else(|e| fail(sql, e));
    while let Some(row) = result.next().unwrap_or_else(|e| fail(sql, e)) {
        let values: Vec<PyValue> =
            (0..N).map(|i| row.get::<_, SqlValue>(i).map(PyValue::from).unwrap_or_else(|e| fail(sql, e))).collect();
        out.push(values.try_into().expect("N columns"));
    }
    out
}

/// A predicted article, as `v_articles` gives it.
struct Article {
    seq: PyValue,
    kind: PyValue,
    headline: PyValue,
    kicker: PyValue,
    body: PyValue,
    issue_date: PyValue,
}

/// One source's predicted articles and how they map to the gold ones.
struct Page<'a> {
    src: &'a str,
    /// The first article's issue date.
    issue: PyValue,
    /// Gold article → predicted article, in the order the gold articles were mapped.
    /// Predicted article numbers stay Python values: score.py copes with a NULL or a
    /// float `article_seq` in `v_articles` (it only compares them), so the port does too.
    amap: Vec<(i64, PyValue)>,
    /// Predicted article → gold article; where several gold articles map to one predicted
    /// article, the last of them. A dict keyed by Python values, so a list searched with
    /// Python's `==`.
    back: Vec<(PyValue, i64)>,
}

impl Page<'_> {
    /// The predicted article a gold article maps to, else -1.
    fn g2p(&self, seq: i64) -> PyValue {
        self.amap.iter().find(|(g, _)| *g == seq).map_or(PyValue::Int(-1), |(_, p)| p.clone())
    }

    /// The gold article a predicted article maps to, else `-seq - 1000`, which no gold
    /// article has. Always a number. Python evaluates the default even when the article
    /// is mapped, so a non-numeric `article_seq` outside `v_articles` always fails.
    fn p2g(&self, seq: &PyValue) -> PyValue {
        let unmapped = seq.unmapped_seq();
        self.back.iter().find(|(p, _)| p == seq).map_or(unmapped, |&(_, g)| PyValue::Int(g))
    }

    /// The date `offset` days from the issue date, if both are known.
    fn day(&self, offset: Option<i64>) -> PyValue {
        match offset {
            Some(offset) if self.issue.truthy() => {
                let issue = self.issue.text();
                let days = parse_iso_date(issue)
                    .unwrap_or_else(|| panic!("score: invalid isoformat string: {}", self.issue.repr()));
                PyValue::Str(format_iso_date(days + offset))
            }
            _ => PyValue::None,
        }
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the form the contract prescribes; Python's
/// `date.fromisoformat` would also take `YYYYMMDD` and week dates).
fn parse_iso_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = &s[r];
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if y < 1 || !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // Howard Hinnant's days_from_civil
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `YYYY-MM-DD` of a day count from [`parse_iso_date`] (Hinnant's civil_from_days).
fn format_iso_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Scores the database against the gold pages, as `score.py --db … GOLD…` does.
pub fn score(conn: &Connection, golds: &[Gold]) -> Report {
    let mut report = Report::default();
    let mut fields = Fields::default();
    for gold in golds {
        score_source(conn, gold, &mut report, &mut fields);
    }
    report.fields = fields.scores;
    report.field_order = fields.order;
    report
}

fn score_source(conn: &Connection, gold: &Gold, report: &mut Report, fields: &mut Fields) {
    let page = articles(conn, gold, report, fields);
    pull_quotes(conn, gold, &page, report);
    meetings(conn, gold, &page, report, fields);
    attendance(conn, gold, &page, report, fields);
    unit_reports(conn, gold, &page, report, fields);
    agreements(conn, gold, &page, report, fields);
    approved_documents(conn, gold, &page, report, fields);
}

/// Maps gold articles to predicted ones by body overlap, and scores articles, paragraphs,
/// headlines and kinds.
fn articles<'a>(conn: &Connection, gold: &'a Gold, report: &mut Report, fields: &mut Fields) -> Page<'a> {
    let src = gold.source.as_str();
    let mut arts: Vec<Article> = rows::<7>(
        conn,
        "SELECT article_seq, kind, dateline, headline, kicker, body, issue_date FROM v_articles WHERE source = ? ORDER BY article_seq",
        src,
    )
    .into_iter()
    .map(|[seq, kind, _dateline, headline, kicker, body, issue_date]| Article {
        seq,
        kind,
        headline,
        kicker,
        body,
        issue_date,
    })
    .collect();
    if arts.is_empty() {
        // nothing was extracted from this source: every gold item is missed. The stand-in
        // article has seq -1, which is also what an unmapped gold article maps to, so each
        // gold article is then checked (and fails) for its kind.
        let warning = format!("score.py: no articles for source {} in v_articles", repr_str(src));
        eprintln!("{warning}");
        report.warnings.push(warning);
        arts.push(Article {
            seq: PyValue::Int(-1),
            kind: PyValue::None,
            headline: PyValue::None,
            kicker: PyValue::None,
            body: PyValue::from(""),
            issue_date: PyValue::None,
        });
    }
    let mut page = Page { src, issue: arts[0].issue_date.clone(), amap: Vec::new(), back: Vec::new() };

    let overlap = |ga: &GoldArticle, a: &Article| -> f64 {
        if let Some(paragraphs) = &ga.paragraphs {
            return dice(&paragraphs.concat(), a.body.text());
        }
        // gold given as paragraph fingerprints: the share of paragraphs whose ends appear
        // in the body
        let body = norm(a.body.text());
        let keys = paragraph_keys(ga);
        let found = keys.iter().filter(|(h, t, _)| body.contains(h.as_str()) && body.contains(t.as_str())).count();
        found as f64 / keys.len().max(1) as f64
    };
    for ga in &gold.articles {
        let best = first_max(&arts, |a| overlap(ga, a)).expect("at least one article");
        if overlap(ga, best) >= 0.5 {
            // a dict assignment: a repeated gold seq keeps its first position
            match page.amap.iter_mut().find(|(g, _)| *g == ga.article_seq) {
                Some(entry) => entry.1 = best.seq.clone(),
                None => page.amap.push((ga.article_seq, best.seq.clone())),
            }
        }
    }
    for (g, p) in &page.amap {
        match page.back.iter_mut().find(|(k, _)| k == p) {
            Some(entry) => entry.1 = *g,
            None => page.back.push((p.clone(), *g)),
        }
    }
    let mapped = page.amap.len() as i64;
    report.table_mut(Table::Articles).add(mapped, arts.len() as i64 - mapped, gold.articles.len() as i64 - mapped);

    for ga in &gold.articles {
        let label = format!("{src}#{}", ga.article_seq);
        let pa = arts.iter().find(|a| a.seq == page.g2p(ga.article_seq));
        let got: Vec<PyValue> = match pa {
            Some(a) => a.body.text().split('\n').filter(|p| !norm(p).is_empty()).map(para_key).collect(),
            None => Vec::new(),
        };
        let want: Vec<PyValue> = match &ga.paragraphs {
            Some(paragraphs) => paragraphs.iter().map(|p| para_key(p)).collect(),
            None => paragraph_keys(ga)
                .iter()
                .map(|(h, t, n)| tuple([h.as_str().into(), t.as_str().into(), (*n).into()]))
                .collect(),
        };
        match_sets(&want, &got, report.table_mut(Table::Paragraphs), &label);
        let heads: Vec<PyValue> = match pa {
            Some(a) => [&a.headline, &a.kicker]
                .into_iter()
                .filter(|h| h.truthy() && !norm(h.text()).is_empty())
                .map(|h| norm(h.text()).into())
                .collect(),
            None => Vec::new(),
        };
        let want_heads: Vec<PyValue> = ga.headlines.iter().map(|h| norm(h).into()).collect();
        match_sets(&want_heads, &heads, report.table_mut(Table::Headlines), &label);
        if let Some(a) = pa {
            fields.check("article.kind", ga.kind.clone().into(), a.kind.clone(), &label);
        }
    }
    page
}

fn paragraph_keys(ga: &GoldArticle) -> &[(String, String, i64)] {
    ga.paragraph_keys
        .as_deref()
        .unwrap_or_else(|| panic!("score: gold article {} has neither paragraphs nor paragraph_keys", ga.article_seq))
}

/// Pull quotes: paired by text (dice ≥ 0.9) regardless of article, then a pair counts only
/// if both sides belong to the same article; the other pairs are not matched again.
fn pull_quotes(conn: &Connection, gold: &Gold, page: &Page, report: &mut Report) {
    let pq = rows::<2>(conn, "SELECT article_seq, text FROM v_pull_quotes WHERE source = ?", page.src);
    let gpq: Vec<(i64, &str)> =
        gold.articles.iter().flat_map(|ga| ga.pull_quotes.iter().map(|q| (ga.article_seq, q.as_str()))).collect();
    let ppq: Vec<(PyValue, &str)> = pq.iter().map(|[seq, text]| (page.p2g(seq), text.text())).collect();
    let gold_texts: Vec<&str> = gpq.iter().map(|q| q.1).collect();
    let pred_texts: Vec<&str> = ppq.iter().map(|q| q.1).collect();
    let fuzzy = greedy_fuzzy(&gold_texts, &pred_texts, 0.9);
    let pairs = fuzzy.pairs.iter().filter(|&&(i, j)| PyValue::Int(gpq[i].0) == ppq[j].0).count() as i64;
    report.table_mut(Table::PullQuotes).add(pairs, ppq.len() as i64 - pairs, gpq.len() as i64 - pairs);
}

/// Meetings: each gold meeting takes the unused predicted meeting of its article whose
/// name is most like its own (the first such on a tie), and its fields are checked.
fn meetings(conn: &Connection, gold: &Gold, page: &Page, report: &mut Report, fields: &mut Fields) {
    let src = page.src;
    let pm = rows::<7>(
        conn,
        "SELECT meeting_id, article_seq, name, meeting_date, time_of_day, location, chair FROM v_meetings WHERE source = ?",
        src,
    );
    let mut used: Vec<&PyValue> = Vec::new();
    for gm in &gold.meetings {
        let place = format!("{src}#{}", gm.article_seq);
        let cands =
            pm.iter().filter(|[id, seq, ..]| page.p2g(seq) == PyValue::Int(gm.article_seq) && !used.contains(&id));
        let Some([id, _, name, date, time_of_day, location, chair]) =
            first_max(cands, |[_, _, name, ..]| dice(&gm.name, name.text()))
        else {
            let t = report.table_mut(Table::Meetings);
            t.add(0, 0, 1);
            t.misses.push(format!("meeting {place} {}", gm.name));
            continue;
        };
        used.push(id);
        report.table_mut(Table::Meetings).add(1, 0, 0);
        fields.check("meeting.date", page.day(gm.date_offset_days), date.clone(), &place);
        fields.check("meeting.chair", gm.chair.clone().into(), PyValue::Str(norm(chair.text())).or_none(), &place);
        fields.check("meeting.time_of_day", gm.time_of_day.clone().into(), time_of_day.clone(), &place);
        fields.check("meeting.location", gm.location.clone().into(), location.clone(), &place);
        let nm = norm(name.text());
        let gname = norm(&gm.name);
        let name_ok = !nm.is_empty() && (nm.contains(&gname) || gname.contains(&nm) || dice(&gm.name, &nm) >= 0.6);
        fields.check("meeting.name", true.into(), name_ok.into(), &place);
    }
    let t = report.table_mut(Table::Meetings);
    for [id, seq, name, ..] in &pm {
        if !used.contains(&id) {
            t.add(0, 1, 0);
            t.extras.push(format!("meeting {src}#{seq} {name}"));
        }
    }
}

/// Attendance: exact (article, person, role) matching; titles checked where the key matched.
fn attendance(conn: &Connection, gold: &Gold, page: &Page, report: &mut Report, fields: &mut Fields) {
    let src = page.src;
    let pa = rows::<4>(conn, "SELECT article_seq, person, title, role FROM v_attendance WHERE source = ?", src);
    // the gold person is used as written, the predicted one normalized
    let gold_key = |gm: &GoldMeeting, a: &GoldAttendance| {
        tuple([gm.article_seq.into(), a.person.as_str().into(), a.role.as_str().into()])
    };
    let gkeys: Vec<PyValue> =
        gold.meetings.iter().flat_map(|gm| gm.attendance.iter().map(|a| gold_key(gm, a))).collect();
    let pred_key =
        |[seq, person, _, role]: &[PyValue; 4]| tuple([page.p2g(seq), norm(person.text()).into(), role.clone()]);
    let pkeys: Vec<PyValue> = pa.iter().map(pred_key).collect();
    match_sets(&gkeys, &pkeys, report.table_mut(Table::Attendance), src);
    // a dict: a later row with the same key replaces the title of an earlier one
    let mut ptitle: Vec<(PyValue, String)> = Vec::new();
    for row in &pa {
        let (key, title) = (pred_key(row), norm(row[2].text()));
        match ptitle.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = title,
            None => ptitle.push((key, title)),
        }
    }
    for gm in &gold.meetings {
        for a in &gm.attendance {
            let key = gold_key(gm, a);
            if let Some((_, title)) = ptitle.iter().find(|(k, _)| *k == key) {
                let want = norm(a.title.as_deref().unwrap_or(""));
                fields.check("attendance.title", want.into(), title.as_str().into(), &format!("{src}#{}", key.repr()));
            }
        }
    }
}

/// Unit reports, achievements (dice ≥ 0.7 within a unit's report) and shortfalls (exact).
fn unit_reports(conn: &Connection, gold: &Gold, page: &Page, report: &mut Report, fields: &mut Fields) {
    let src = page.src;
    let pach = rows::<12>(
        conn,
        "SELECT article_seq, unit, unit_kind, seq, text, period, rank_scope, rank, streak_years, value, measure, qualifier FROM v_achievements WHERE source = ?",
        src,
    );
    let psf = rows::<4>(conn, "SELECT article_seq, unit, seq, text FROM v_shortfalls WHERE source = ?", src);
    // (gold article, unit key) of a predicted row; both views start with article_seq, unit
    let unit_of = |seq: &PyValue, unit: &PyValue| tuple([page.p2g(seq), unit_key(unit.text()).into()]);
    let gold_unit = |gm: &GoldMeeting, unit: &str| tuple([gm.article_seq.into(), unit_key(unit).into()]);

    let gunits: Vec<PyValue> =
        gold.meetings.iter().flat_map(|gm| gm.unit_reports.iter().map(|u| gold_unit(gm, &u.unit))).collect();
    // sorted(set(...)) of (article number, unit key): distinct by Python's ==, then
    // ordered by number, then by text (code point order, which is Rust's String order)
    let mut punits: Vec<PyValue> = Vec::new();
    for key in pach.iter().map(|r| unit_of(&r[0], &r[1])).chain(psf.iter().map(|r| unit_of(&r[0], &r[1]))) {
        if !punits.contains(&key) {
            punits.push(key);
        }
    }
    punits.sort_by(|a, b| match (a, b) {
        (PyValue::Tuple(a), PyValue::Tuple(b)) => a[0].number_order(&b[0]).then_with(|| a[1].text().cmp(b[1].text())),
        _ => unreachable!("unit keys are pairs"),
    });
    match_sets(&gunits, &punits, report.table_mut(Table::UnitReports), src);

    for gm in &gold.meetings {
        for u in &gm.unit_reports {
            let uk = unit_key(&u.unit);
            let speaker = norm(&u.speaker);
            let mine: Vec<&[PyValue; 12]> =
                pach.iter().filter(|r| unit_of(&r[0], &r[1]) == gold_unit(gm, &u.unit)).collect();
            // a predicted clause without the unit's name and then the speaker's, where it
            // starts with them (each prefix is taken off at most once, in that order)
            let ptexts: Vec<String> = mine
                .iter()
                .map(|r| {
                    let mut t = norm(r[4].text());
                    for pre in [&uk, &speaker] {
                        if let Some(rest) = t.strip_prefix(pre.as_str()) {
                            t = rest.to_string();
                        }
                    }
                    t
                })
                .collect();
            let gold_texts: Vec<&str> = u.achievements.iter().map(|g| g.text.as_str()).collect();
            let pred_texts: Vec<&str> = ptexts.iter().map(String::as_str).collect();
            let fuzzy = greedy_fuzzy(&gold_texts, &pred_texts, 0.7);
            let t = report.table_mut(Table::Achievements);
            t.add(fuzzy.pairs.len() as i64, fuzzy.extra.len() as i64, fuzzy.missed.len() as i64);
            t.misses.extend(fuzzy.missed.iter().map(|&i| format!("{uk}: {}", u.achievements[i].text)));
            t.extras.extend(fuzzy.extra.iter().map(|&j| format!("{uk}: {}", mine[j][4])));
            for &(i, j) in &fuzzy.pairs {
                check_achievement(&u.achievements[i], mine[j], &uk, fields);
            }
            let sf: Vec<PyValue> = psf
                .iter()
                .filter(|r| unit_of(&r[0], &r[1]) == gold_unit(gm, &u.unit))
                .map(|r| norm(r[3].text()).into())
                .collect();
            let want: Vec<PyValue> = u.shortfalls.iter().map(|s| norm(s).into()).collect();
            match_sets(&want, &sf, report.table_mut(Table::Shortfalls), &uk);
        }
    }

    // unit reports attached to articles that gold has none for
    let gart: Vec<PyValue> =
        gold.meetings.iter().flat_map(|gm| gm.unit_reports.iter().map(|u| gold_unit(gm, &u.unit))).collect();
    let t = report.table_mut(Table::Achievements);
    for r in pach.iter().filter(|r| !gart.contains(&unit_of(&r[0], &r[1]))) {
        t.add(0, 1, 0);
        t.extras.push(format!("(no such unit report) {}: {}", r[1], r[4]));
    }
    let t = report.table_mut(Table::Shortfalls);
    for r in psf.iter().filter(|r| !gart.contains(&unit_of(&r[0], &r[1]))) {
        t.add(0, 1, 0);
        t.extras.push(format!("(no such unit report) {}: {}", r[1], r[3]));
    }
}

/// The fields of a matched achievement. Each is checked only where the gold item states it
/// or the prediction has it (Python truthiness for gold values: a rank of 0 is "not stated").
fn check_achievement(g: &GoldAchievement, p: &[PyValue; 12], uk: &str, fields: &mut Fields) {
    let [_, _, _, _, _, period, rank_scope, rank, streak_years, value, measure, qualifier] = p;
    let place = format!("{uk}: {}", head(&g.text, 16));
    if g.period.as_deref().is_some_and(|s| !s.is_empty()) {
        fields.check(
            "achievement.period",
            g.period.clone().into(),
            PyValue::Str(norm(period.text())).or_none(),
            &place,
        );
    }
    if g.rank.is_some_and(|r| r != 0) || *rank != PyValue::None {
        fields.check(
            "achievement.rank",
            tuple([g.rank_scope.clone().into(), g.rank.into()]),
            tuple([rank_scope.clone(), rank.clone()]),
            &place,
        );
    }
    if g.streak_years.is_some_and(|s| s != 0) || *streak_years != PyValue::None {
        fields.check("achievement.streak_years", g.streak_years.into(), streak_years.clone(), &place);
    }
    if !g.optional_quantity && (g.value.is_some() || *value != PyValue::None) {
        let pv = if *value != PyValue::None { PyValue::Float(value.float()) } else { PyValue::None };
        fields.check(
            "achievement.quantity",
            tuple([g.value.into(), g.measure.clone().into()]),
            tuple([pv, measure.clone()]),
            &place,
        );
    }
    if g.qualifier.as_deref().is_some_and(|s| !s.is_empty()) || qualifier.truthy() {
        fields.check("achievement.qualifier", g.qualifier.clone().into(), qualifier.or_none(), &place);
    }
}

/// Agreements: one per agreement_id, its parties being its rows. Each gold agreement takes
/// an unused one of its article, preferring the same title, then the same parties.
fn agreements(conn: &Connection, gold: &Gold, page: &Page, report: &mut Report, fields: &mut Fields) {
    let src = page.src;
    let pg = rows::<8>(
        conn,
        "SELECT agreement_id, article_seq, signed_date, location, title, party, signer, signer_title FROM v_agreements WHERE source = ?",
        src,
    );
    // grouped by agreement_id in order of first appearance (a dict of lists)
    let mut byid: Vec<(&PyValue, Vec<&[PyValue; 8]>)> = Vec::new();
    for r in &pg {
        match byid.iter_mut().find(|(id, _)| **id == r[0]) {
            Some((_, rs)) => rs.push(r),
            None => byid.push((&r[0], vec![r])),
        }
    }
    let parties_of = |rs: &[&[PyValue; 8]]| -> Vec<String> {
        let mut v: Vec<String> = rs.iter().map(|r| norm(r[5].text())).collect();
        v.sort();
        v
    };
    let mut used: Vec<&PyValue> = Vec::new();
    for ga in &gold.agreements {
        let cands =
            byid.iter().filter(|(id, rs)| !used.contains(id) && page.p2g(&rs[0][1]) == PyValue::Int(ga.article_seq));
        let mut gparties: Vec<String> = ga.parties.iter().map(|p| norm(&p.party)).collect();
        gparties.sort();
        // same title first, then the same parties, then any agreement of the article
        let rank = |(_, rs): &&(&PyValue, Vec<&[PyValue; 8]>)| {
            (strip_title(rs[0][4].text()) == norm(&ga.title), parties_of(rs) == gparties)
        };
        let place = format!("{src}#{}", ga.article_seq);
        let Some((id, rs)) = first_max(cands, rank) else {
            let t = report.table_mut(Table::Agreements);
            t.add(0, 0, 1);
            t.misses.push(format!("agreement {}", ga.title));
            continue;
        };
        used.push(*id);
        report.table_mut(Table::Agreements).add(1, 0, 0);
        let first = rs[0];
        fields.check("agreement.title", norm(&ga.title).into(), strip_title(first[4].text()).into(), &place);
        fields.check("agreement.date", page.day(ga.date_offset_days), first[2].clone(), &place);
        fields.check("agreement.location", ga.location.clone().into(), first[3].clone(), &place);
        let as_list = |v: Vec<String>| PyValue::List(v.into_iter().map(PyValue::from).collect());
        fields.check("agreement.parties", as_list(gparties.clone()), as_list(parties_of(rs)), &place);
        // sorted (party, signer) pairs. Python cannot order None against a string and would
        // raise if one party appeared twice, once without a signer; here None sorts first.
        let signers = |mut v: Vec<(String, Option<String>)>| {
            v.sort();
            PyValue::List(v.into_iter().map(|(party, signer)| tuple([party.into(), signer.into()])).collect())
        };
        let want = signers(ga.parties.iter().map(|p| (norm(&p.party), p.signer.clone())).collect());
        let got = signers(
            rs.iter()
                .map(|r| {
                    let signer = norm(r[6].text());
                    (norm(r[5].text()), (!signer.is_empty()).then_some(signer))
                })
                .collect(),
        );
        fields.check("agreement.signers", want, got, &place);
    }
    // extra agreements are counted but, as in score.py, not listed
    let extra = byid.iter().filter(|(id, _)| !used.contains(id)).count() as i64;
    report.table_mut(Table::Agreements).add(0, extra, 0);
}

/// Approved documents: exact (article, title) matching; decision and period checked where
/// the key matched.
fn approved_documents(conn: &Connection, gold: &Gold, page: &Page, report: &mut Report, fields: &mut Fields) {
    let src = page.src;
    let pd = rows::<5>(
        conn,
        "SELECT article_seq, title, decision, period_start_year, period_end_year FROM v_approved_documents WHERE source = ?",
        src,
    );
    let gd: Vec<PyValue> = gold
        .meetings
        .iter()
        .flat_map(|gm| gm.approved_documents.iter().map(|d| tuple([gm.article_seq.into(), norm(&d.title).into()])))
        .collect();
    let pkeys: Vec<PyValue> = pd.iter().map(|r| tuple([page.p2g(&r[0]), strip_title(r[1].text()).into()])).collect();
    match_sets(&gd, &pkeys, report.table_mut(Table::ApprovedDocuments), src);
    // a dict: a later row with the same key wins
    let by_key = |key: &PyValue| pkeys.iter().rposition(|k| k == key).map(|i| &pd[i]);
    for gm in &gold.meetings {
        for d in &gm.approved_documents {
            let key = tuple([gm.article_seq.into(), norm(&d.title).into()]);
            if let Some([_, _, decision, start, end]) = by_key(&key) {
                let place = head(&d.title, 12);
                fields.check("document.decision", d.decision.clone().into(), decision.clone(), &place);
                fields.check(
                    "document.period",
                    tuple([d.period_start_year.into(), d.period_end_year.into()]),
                    tuple([start.clone(), end.clone()]),
                    &place,
                );
            }
        }
    }
}
