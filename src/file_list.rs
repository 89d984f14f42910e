//! The list of a run's files, held compactly.
//!
//! A run lists its files before it starts (to take them in sorted order and to say how many
//! it saw), and keeps the list to the end. As `PathBuf`s, a back-fill of 100,000 files held
//! about 13 MB of paths, each with its folder spelled out again and an allocation of its own:
//! the one part of a run's memory that grew with the corpus. Here each folder is kept once,
//! and each file's name is a slice of one buffer: about a third of that.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Paths, in the order they were pushed; each is given back exactly as it was pushed.
#[derive(Debug, Default)]
pub struct FileList {
    /// The folders, each once (consecutive files of a folder share it).
    dirs: Vec<PathBuf>,
    /// The files' names, one after another, as `OsStr::as_encoded_bytes` gives them.
    names: Vec<u8>,
    /// Per file: where its name ends in `names`, and its folder in `dirs`.
    ends: Vec<u32>,
    dir_of: Vec<u32>,
}

impl FileList {
    pub fn new() -> FileList {
        FileList::default()
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn push(&mut self, path: &Path) {
        // Split into folder and name only where joining them gives the path back byte for
        // byte (not for `a//b.txt` or `..`): a page is known by its path as given.
        let split = match (path.parent(), path.file_name()) {
            (Some(dir), Some(name)) if dir.join(name).as_os_str() == path.as_os_str() => Some((dir, name)),
            _ => None,
        };
        let (dir, name) = split.unwrap_or((Path::new(""), path.as_os_str()));
        if self.dirs.last().map(PathBuf::as_path) != Some(dir) {
            self.dirs.push(dir.to_path_buf());
        }
        self.names.extend_from_slice(name.as_encoded_bytes());
        self.ends.push(u32::try_from(self.names.len()).expect("the names of a run's files take under 4 GiB"));
        self.dir_of.push(u32::try_from(self.dirs.len() - 1).expect("under 4 billion folders"));
    }

    /// The `i`th path.
    pub fn path(&self, i: usize) -> PathBuf {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let bytes = &self.names[start..self.ends[i] as usize];
        // SAFETY: `names` is the concatenation of whole `OsStr`s' encoded bytes, and `start` and
        // `ends[i]` are boundaries between them, so the slice is one of those `OsStr`s' bytes.
        let name = unsafe { OsStr::from_encoded_bytes_unchecked(bytes) };
        self.dirs[self.dir_of[i] as usize].join(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = PathBuf> + '_ {
        (0..self.len()).map(|i| self.path(i))
    }
}

impl<P: AsRef<Path>> FromIterator<P> for FileList {
    fn from_iter<I: IntoIterator<Item = P>>(paths: I) -> FileList {
        let mut list = FileList::new();
        for path in paths {
            list.push(path.as_ref());
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_comes_back_as_it_was_given() {
        let given = [
            "a/b.txt",
            "a/c.txt",
            "b.txt",
            "./d/e.html",
            "a//f.txt",
            "a/b/../g.txt",
            "..",
            "/",
            "/abs/h.txt",
            "a/c.txt",
            "名字/页面.txt",
            "",
        ];
        let list: FileList = given.iter().collect();
        assert_eq!(list.len(), given.len());
        let back: Vec<PathBuf> = list.iter().collect();
        for (path, given) in back.iter().zip(given) {
            assert_eq!(path.as_os_str(), OsStr::new(given));
        }
        // The files of one folder share it.
        assert_eq!(list.dirs.iter().filter(|d| d.as_os_str() == "a").count(), 2);
    }
}
