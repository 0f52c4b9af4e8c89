//! Step 5 of the flow (render).
//!
//! The static files (the stylesheet, the icons, the share picture), read once at start-up. Each is served under its
//! own name and under a name carrying a hash of its bytes (`site.1a2b3c4d.css`), which
//! pages link to, so browsers and CDNs may keep it for good: a changed file has a new name.

use std::path::Path;

/// One static file.
#[derive(Debug, Clone)]
pub struct Asset {
    /// The file name under `static/`, e.g. `site.css`.
    pub name: String,
    /// The same with a hash of the bytes before the extension, e.g. `site.1a2b3c4d.css`.
    pub hashed_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl Asset {
    pub fn new(name: &str, bytes: Vec<u8>) -> Asset {
        let hash = format!("{:016x}", fnv1a(&bytes));
        let hashed_name = match name.rsplit_once('.') {
            Some((stem, ext)) => format!("{stem}.{}.{ext}", &hash[..12]),
            None => format!("{name}.{}", &hash[..12]),
        };
        Asset {
            content_type: content_type(name),
            name: name.to_string(),
            hashed_name,
            bytes,
        }
    }

    pub fn path(&self) -> String {
        format!("/static/{}", self.name)
    }

    pub fn hashed_path(&self) -> String {
        format!("/static/{}", self.hashed_name)
    }
}

/// Every file directly in the static folder.
#[derive(Debug, Clone, Default)]
pub struct Assets(pub Vec<Asset>);

impl Assets {
    /// Reads every regular file directly in `dir`; a missing folder is no assets.
    pub fn load(dir: &Path) -> std::io::Result<Assets> {
        let mut assets = Vec::new();
        if !dir.is_dir() {
            return Ok(Assets(assets));
        }
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            if !entry.file_type()?.is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            assets.push(Asset::new(&name, std::fs::read(entry.path())?));
        }
        assets.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Assets(assets))
    }

    pub fn get(&self, name: &str) -> Option<&Asset> {
        self.0.iter().find(|a| a.name == name)
    }
}

/// FNV-1a, 64 bits: a stable hash (std's `DefaultHasher` may change between releases)
/// for file names and content versions; not for security.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    Fnv1a::default().write(bytes).finish()
}

/// FNV-1a over several pieces, as if they were one.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    pub fn write(mut self, bytes: &[u8]) -> Self {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_follow_the_bytes() {
        let a = Asset::new("site.css", b"body{}".to_vec());
        let b = Asset::new("site.css", b"body{color:red}".to_vec());
        assert!(a.hashed_name.starts_with("site.") && a.hashed_name.ends_with(".css"));
        assert_ne!(a.hashed_name, b.hashed_name);
        assert_eq!(
            a.hashed_name,
            Asset::new("site.css", b"body{}".to_vec()).hashed_name
        );
        assert_eq!(a.content_type, "text/css; charset=utf-8");
    }
}
