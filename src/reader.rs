//! Input files into text: the only module that reads the files being ingested.
//!
//! Input: a path. Output: a [`SourceFile`] with the decoded text, its encoding and the hash
//! of its bytes, or a [`ReadError`] that names the problem.
//!
//! Accepted: UTF-8 with or without a byte-order mark, GB18030 (and so GBK and GB2312), UTF-16
//! with a byte-order mark; CRLF and CR line ends are left for dewrap, which reads them as
//! line ends. Rejected, each with its own message: empty files, binary files, bytes that are
//! neither UTF-8 nor GB18030, text cut off inside a character, files over the size limit,
//! and file names that are not UTF-8.

use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// The default limit on an input file's size: a newspaper page is some 20 KB.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8WithBom,
    Gb18030,
    Utf16,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8WithBom => "utf-8 (bom)",
            Encoding::Gb18030 => "gb18030",
            Encoding::Utf16 => "utf-16",
        }
    }
}

/// One input file, read and decoded.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The file's name without its folder: what the views call `source`.
    pub name: String,
    pub byte_len: u64,
    /// BLAKE3 of the bytes, hex.
    pub content_hash: String,
    pub encoding: Encoding,
    pub text: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("is a folder, not a file")]
    Folder,
    #[error("is not a regular file")]
    NotAFile,
    #[error("the file name is not valid UTF-8")]
    NameNotUtf8,
    #[error("is empty")]
    Empty,
    #[error("is {size} bytes, over the limit of {limit} bytes (raise it with --max-bytes)")]
    TooLarge { size: u64, limit: u64 },
    #[error("is a binary file, not text ({0})")]
    Binary(&'static str),
    #[error("is truncated: it ends inside a UTF-8 character")]
    Truncated,
    #[error("is neither UTF-8 nor GB18030 text (bad bytes at offset {offset})")]
    Undecodable { offset: usize },
}

/// Reads and decodes a file no larger than `max_bytes`.
pub fn read(path: &Path, max_bytes: u64) -> Result<SourceFile, ReadError> {
    let name = path.file_name().ok_or(ReadError::NotAFile)?.to_str().ok_or(ReadError::NameNotUtf8)?.to_string();
    let metadata = fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(ReadError::Folder);
    }
    if !metadata.is_file() {
        return Err(ReadError::NotAFile);
    }
    if metadata.len() >= max_bytes {
        return Err(ReadError::TooLarge { size: metadata.len(), limit: max_bytes });
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    fs::File::open(path)?.take(max_bytes).read_to_end(&mut bytes)?;
    if bytes.len() as u64 >= max_bytes {
        return Err(ReadError::TooLarge { size: bytes.len() as u64, limit: max_bytes });
    }
    let (text, encoding) = decode(&bytes)?;
    Ok(SourceFile {
        path: path.to_path_buf(),
        name,
        byte_len: bytes.len() as u64,
        content_hash: blake3::hash(&bytes).to_hex().to_string(),
        encoding,
        text,
    })
}

/// Decodes a file's bytes.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest).map(|text| (text, Encoding::Utf8WithBom));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, malformed) = encoding_rs::UTF_16LE.decode(bytes);
        if malformed {
            return Err(ReadError::Undecodable { offset: 0 });
        }
        return plain_text(text.into_owned()).map(|text| (text, Encoding::Utf16));
    }
    if bytes.contains(&0) {
        return Err(ReadError::Binary("it holds NUL bytes"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => plain_text(text.to_string()).map(|text| (text, Encoding::Utf8)),
        Err(e) if e.error_len().is_none() && mostly_utf8(bytes, e.valid_up_to()) => Err(ReadError::Truncated),
        Err(e) => {
            let gb = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
            match gb {
                Some(text) if looks_like_chinese(&text) => {
                    plain_text(text.into_owned()).map(|text| (text, Encoding::Gb18030))
                }
                _ => Err(ReadError::Undecodable { offset: e.valid_up_to() }),
            }
        }
    }
}

fn utf8(bytes: &[u8]) -> Result<String, ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => plain_text(text.to_string()),
        Err(e) if e.error_len().is_none() => Err(ReadError::Truncated),
        Err(e) => Err(ReadError::Undecodable { offset: e.valid_up_to() + 3 }),
    }
}

/// A file that is valid UTF-8 up to a cut in its last character was truncated, unless it is
/// too short to tell.
fn mostly_utf8(bytes: &[u8], valid_up_to: usize) -> bool {
    valid_up_to >= 16 && bytes.len() - valid_up_to < 4
}

/// Rejects decoded text full of control characters: a binary file that happens to decode.
fn plain_text(text: String) -> Result<String, ReadError> {
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')).count();
    if controls * 100 > text.chars().count() {
        return Err(ReadError::Binary("it holds control characters"));
    }
    Ok(text)
}

/// GB18030 decodes almost any bytes; real Chinese text is mostly common Han characters,
/// ASCII and Chinese punctuation.
fn looks_like_chinese(text: &str) -> bool {
    let non_ascii: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
    if non_ascii.is_empty() {
        return true;
    }
    let common = non_ascii
        .iter()
        .filter(|&&c| matches!(c as u32, 0x4E00..=0x9FFF | 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2010..=0x2027))
        .count();
    common * 10 >= non_ascii.len() * 9
}

static DATE_IN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?:[^0-9]|$)")
        .expect("static pattern")
});

/// The issue date written in a file's name: `2024-04-02`, `20240402`, `2024_04_02`.
pub fn issue_date_in_name(name: &str) -> Option<NaiveDate> {
    DATE_IN_NAME
        .captures_iter(name)
        .find_map(|c| NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
}

/// A file the reader could not take, with the reason.
#[derive(Debug)]
pub struct Rejected {
    pub path: PathBuf,
    pub error: ReadError,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let text = "本报讯 市委常委会昨天举行会议。\r\n";
        assert_eq!(decode(text.as_bytes()).unwrap(), (text.to_string(), Encoding::Utf8));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom).unwrap(), (text.to_string(), Encoding::Utf8WithBom));
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        assert_eq!(decode(&gb).unwrap(), (text.to_string(), Encoding::Gb18030));
    }

    #[test]
    fn bad_bytes() {
        assert!(matches!(decode(b""), Err(ReadError::Empty)));
        assert!(matches!(decode(b" \n\n"), Err(ReadError::Empty)));
        assert!(matches!(decode(b"\x7fELF\x02\x01\x01\x00\x00"), Err(ReadError::Binary(_))));
        let cut = &"市委常委会昨天举行会议研究部署工作".as_bytes()[..38];
        assert!(matches!(decode(cut), Err(ReadError::Truncated)));
        assert!(matches!(decode(b"\x81\x30\x81\x30\xff\xfe\xfd\x80\x80\x80"), Err(ReadError::Undecodable { .. })));
    }

    #[test]
    fn dates_in_names() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(issue_date_in_name("jfdaily_2024-04-02_01.txt"), d(2024, 4, 2));
        assert_eq!(issue_date_in_name("20240402-A01.txt"), d(2024, 4, 2));
        assert_eq!(issue_date_in_name("page_2023_12_31.txt"), d(2023, 12, 31));
        assert_eq!(issue_date_in_name("000_33a1af8f75da2c74.txt"), None);
        assert_eq!(issue_date_in_name("2024-13-02.txt"), None);
    }
}
