//! Input files into text: the only module that reads the files being ingested.
//!
//! Input: a path. Output: a [`SourceFile`] with the decoded text, its encoding and the hash
//! of its bytes, or a [`ReadError`] that names the problem.
//!
//! Accepted: UTF-8 with or without a byte-order mark, GB18030 (and so GBK and GB2312), UTF-16
//! with a byte-order mark; CRLF and CR line ends are left for dewrap, which reads them as
//! line ends. Rejected, each with its own message: empty files, binary files, bytes that are
//! neither UTF-8 nor GB18030, text cut off inside a character, files at or over the size
//! limit, file names that are not UTF-8, missing files, symbolic-link loops, and anything that
//! is not a regular file.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

use crate::web::{self, NoArticle, WebPage};

/// The default limit on an input file's size, 50 MB: a newspaper page is some 20 KB, so a
/// file this large is something else (a dump, a log), and reading it whole would cost memory.
pub const DEFAULT_MAX_BYTES: u64 = 50_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8WithBom,
    Gb18030,
    Utf16,
    /// Another character set a web page declared (`Big5`, `windows-1252` …), by its WHATWG name.
    Declared(&'static str),
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8WithBom => "utf-8 (bom)",
            Encoding::Gb18030 => "gb18030",
            Encoding::Utf16 => "utf-16",
            Encoding::Declared(name) => name,
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
    /// The decoded text; for a web page, its article's blocks one per line (what the line
    /// numbers of its paragraphs count).
    pub text: String,
    /// A web page's article, as blocks with the elements they came from, and its metadata;
    /// `None` for a text file.
    pub web: Option<WebPage>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
    #[error("does not exist")]
    Missing,
    #[error("is a symbolic-link loop")]
    SymlinkLoop,
    #[error("is a folder, not a file")]
    Folder,
    #[error("is not a regular file")]
    NotAFile,
    #[error("the file name is not valid UTF-8")]
    NameNotUtf8,
    #[error("is empty")]
    Empty,
    #[error("is {size} bytes; files of {limit} bytes or more are rejected (raise the limit with --max-bytes)")]
    TooLarge { size: u64, limit: u64 },
    #[error("is a binary file, not text ({0})")]
    Binary(&'static str),
    #[error("is truncated: it ends inside a {0} character")]
    Truncated(&'static str),
    #[error("is neither UTF-8 nor GB18030 text (bad bytes at offset {offset})")]
    Undecodable { offset: usize },
    #[error("is a web page nested more than {limit} elements deep: too deep to read")]
    TooDeep { limit: usize },
    #[error("is a web page with no article: {0}")]
    NoWebArticle(#[from] NoArticle),
}

/// Reads and decodes a file no larger than `max_bytes`.
pub fn read(path: &Path, max_bytes: u64) -> Result<SourceFile, ReadError> {
    // A name that is not UTF-8 is rejected before anything is read.
    path.file_name().ok_or(ReadError::NotAFile)?.to_str().ok_or(ReadError::NameNotUtf8)?;
    let metadata = fs::metadata(path).map_err(|e| unreadable(path, e))?;
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
    fs::File::open(path).map_err(|e| unreadable(path, e))?.take(max_bytes).read_to_end(&mut bytes)?;
    if bytes.len() as u64 >= max_bytes {
        return Err(ReadError::TooLarge { size: bytes.len() as u64, limit: max_bytes });
    }
    from_bytes(path, &bytes)
}

/// Decodes the bytes read from `path` (whose name they keep); what [`read`] does once it has
/// the bytes.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<SourceFile, ReadError> {
    let name = path.file_name().ok_or(ReadError::NotAFile)?.to_str().ok_or(ReadError::NameNotUtf8)?.to_string();
    let named_html = path.extension().and_then(|x| x.to_str()).is_some_and(is_web_extension);
    let decoded = if named_html { None } else { Some(decode(bytes)) };
    let (text, encoding, web) =
        if decoded.as_ref().is_none_or(|d| d.as_ref().is_ok_and(|(text, _)| web::looks_like_html(text))) {
            let (document, encoding) = decode_html(bytes)?;
            if web::too_deep(&document) {
                return Err(ReadError::TooDeep { limit: web::MAX_DEPTH });
            }
            let page = web::read(&document)?;
            let lines: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
            (lines.join("\n"), encoding, Some(page))
        } else {
            let (text, encoding) = decoded.expect("a text file was decoded")?;
            (text, encoding, None)
        };
    Ok(SourceFile {
        path: path.to_path_buf(),
        name,
        byte_len: bytes.len() as u64,
        content_hash: blake3::hash(bytes).to_hex().to_string(),
        encoding,
        text,
        web,
    })
}

/// The extensions of a saved web page: `html`, `htm`, `shtml` (in any case).
pub fn is_web_extension(extension: &str) -> bool {
    ["html", "htm", "shtml"].iter().any(|x| extension.eq_ignore_ascii_case(x))
}

/// Decodes a web page's bytes: by its byte-order mark; else UTF-8 when the bytes are UTF-8
/// (whatever the page declares: a page saved from a browser keeps a declaration its bytes no
/// longer follow); else the character set its `<meta>` declares, when the bytes decode in it
/// cleanly; else GB18030 when they decode cleanly in that. Bytes that decode cleanly in
/// nothing are read in the declared set (else GB18030) when no more than one character in a
/// thousand is bad, and rejected otherwise.
pub fn decode_html(bytes: &[u8]) -> Result<(String, Encoding), ReadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") || bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return decode(bytes);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    if bytes.contains(&0) {
        return Err(ReadError::Binary("it holds NUL bytes"));
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return plain_text(text.to_string()).map(|text| (text, Encoding::Utf8)),
        Err(e) => e,
    };
    let declared = declared_charset(bytes).filter(|&e| e != encoding_rs::UTF_8 && e.is_ascii_compatible());
    let encoding_of = |e: &'static encoding_rs::Encoding| {
        if e == encoding_rs::GB18030 || e == encoding_rs::GBK {
            Encoding::Gb18030
        } else {
            Encoding::Declared(e.name())
        }
    };
    if let Some(e) = declared
        && let Some(text) = e.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return plain_text(text.into_owned()).map(|text| (text, encoding_of(e)));
    }
    if let Some(text) = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        return plain_text(text.into_owned()).map(|text| (text, Encoding::Gb18030));
    }
    let e = declared.unwrap_or(encoding_rs::GB18030);
    let (text, _) = e.decode_without_bom_handling(bytes);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    if bad * 1000 > text.chars().count() {
        return Err(ReadError::Undecodable { offset: utf8_error.valid_up_to() });
    }
    plain_text(text.into_owned()).map(|text| (text, encoding_of(e)))
}

/// The character set a page declares in a `<meta>` of its first 4 KB (`<meta charset=…>`, or
/// `http-equiv` Content-Type's `charset=`), as the HTML standard's prescan reads it.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes[..bytes.len().min(4096)].to_ascii_lowercase();
    let mut rest = &head[..];
    while let Some(at) = memchr::memmem::find(rest, b"<meta") {
        let tag = &rest[at..];
        let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
        rest = &rest[at + tag.len().max(5)..];
        let Some(c) = memchr::memmem::find(tag, b"charset") else { continue };
        let value = tag[c + 7..].trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
        let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
        let end =
            value.iter().position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>')).unwrap_or(value.len());
        if let Some(e) = encoding_rs::Encoding::for_label(&value[..end]) {
            // A page that says UTF-16 in ASCII bytes is not UTF-16 (the standard reads it as UTF-8).
            return Some(if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE { encoding_rs::UTF_8 } else { e });
        }
    }
    None
}

/// The error for a path that cannot be opened, named as precisely as possible.
fn unreadable(path: &Path, e: io::Error) -> ReadError {
    if is_symlink_loop(path) {
        ReadError::SymlinkLoop
    } else if e.kind() == io::ErrorKind::NotFound {
        ReadError::Missing
    } else {
        ReadError::Io(e)
    }
}

/// Whether a path is a symbolic link that, followed link by link, comes back to a link it
/// passed (or goes on for more links than the system would follow).
pub fn is_symlink_loop(path: &Path) -> bool {
    const MAX_LINKS: usize = 64;
    let mut seen = HashSet::new();
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {}
            _ => return false,
        }
        if !seen.insert(current.clone()) {
            return true;
        }
        let Ok(target) = fs::read_link(&current) else { return false };
        current = match current.parent() {
            Some(folder) if target.is_relative() => folder.join(target),
            _ => target,
        };
    }
    true
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
        if bytes.len() % 2 == 1 {
            return Err(ReadError::Truncated("UTF-16"));
        }
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
        Err(e) if e.error_len().is_none() && mostly_utf8(bytes, e.valid_up_to()) => Err(ReadError::Truncated("UTF-8")),
        Err(e) => match gb18030(bytes) {
            Some(text) => plain_text(text).map(|text| (text, Encoding::Gb18030)),
            // GB18030 text cut inside its last character (up to four bytes).
            None if (1..4).any(|cut| bytes.len() > 16 + cut && gb18030(&bytes[..bytes.len() - cut]).is_some()) => {
                Err(ReadError::Truncated("GB18030"))
            }
            None => Err(ReadError::Undecodable { offset: e.valid_up_to() }),
        },
    }
}

/// The text of GB18030 bytes that read as Chinese.
fn gb18030(bytes: &[u8]) -> Option<String> {
    let text = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)?;
    looks_like_chinese(&text).then(|| text.into_owned())
}

fn utf8(bytes: &[u8]) -> Result<String, ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => plain_text(text.to_string()),
        Err(e) if e.error_len().is_none() => Err(ReadError::Truncated("UTF-8")),
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
        let mut utf16 = b"\xFF\xFE".to_vec();
        utf16.extend(text_utf16le(text));
        assert_eq!(decode(&utf16).unwrap(), (text.to_string(), Encoding::Utf16));
    }

    fn text_utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn bad_bytes() {
        assert!(matches!(decode(b""), Err(ReadError::Empty)));
        assert!(matches!(decode(b" \n\n"), Err(ReadError::Empty)));
        assert!(matches!(decode(b"\x7fELF\x02\x01\x01\x00\x00"), Err(ReadError::Binary(_))));
        let cut = &"市委常委会昨天举行会议研究部署工作".as_bytes()[..38];
        assert!(matches!(decode(cut), Err(ReadError::Truncated("UTF-8"))));
        let (gb, _, _) = encoding_rs::GB18030.encode("市委常委会昨天举行会议研究部署工作");
        assert!(matches!(decode(&gb[..gb.len() - 1]), Err(ReadError::Truncated("GB18030"))));
        let mut utf16 = b"\xFF\xFE".to_vec();
        utf16.extend(text_utf16le("市委常委会昨天举行会议"));
        assert!(matches!(decode(&utf16[..utf16.len() - 1]), Err(ReadError::Truncated("UTF-16"))));
        assert!(matches!(decode(b"\x81\x30\x81\x30\xff\xfe\xfd\x80\x80\x80"), Err(ReadError::Undecodable { .. })));
    }

    #[test]
    fn web_pages_are_decoded_by_what_their_bytes_are_when_the_declaration_is_wrong() {
        let page = |charset: &str| {
            format!(
                "<html><head><meta charset=\"{charset}\"></head><body><p>市委常委会昨天举行会议。</p></body></html>"
            )
        };
        // UTF-8 bytes under a GB2312 declaration (a page saved from a browser).
        let (text, encoding) = decode_html(page("gb2312").as_bytes()).unwrap();
        assert_eq!((text.contains("市委常委会"), encoding), (true, Encoding::Utf8));
        // GBK bytes under a UTF-8 declaration, and under their own.
        for charset in ["utf-8", "gbk", "none"] {
            let bytes = encoding_rs::GBK.encode(&page(charset)).0.into_owned();
            let (text, encoding) = decode_html(&bytes).unwrap();
            assert_eq!((text.contains("市委常委会"), encoding), (true, Encoding::Gb18030), "{charset}");
        }
        // A declared set that is neither: read in it, when the bytes agree.
        let big5 = encoding_rs::BIG5
            .encode(&page("big5").replace("市委常委会昨天举行会议", "市委常委會昨天舉行會議"))
            .0
            .into_owned();
        let (text, encoding) = decode_html(&big5).unwrap();
        assert_eq!((text.contains("常委會"), encoding), (true, Encoding::Declared("Big5")));
        let content_type = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">";
        assert_eq!(declared_charset(content_type), Some(encoding_rs::GBK));
        assert_eq!(declared_charset(b"<script charset=\"utf-8\"></script>"), None);
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
