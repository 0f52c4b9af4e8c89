//! The content loader takes any bytes in any file and answers with problems, never a
//! panic.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

const VALID: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");

fn dir_with(file: &str, bytes: &[u8], case: u64) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("madoguchi-fuzz-{}-{case}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(VALID).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.join(file), bytes).unwrap();
    dir
}

fn load(dir: &Path) {
    let now = "2026-11-25T12:00:00+09:00".parse().unwrap();
    // Either result is fine; returning at all (no panic) is the property.
    let _ = madoguchi::content::load(dir, now);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(
        file in prop::sample::select(madoguchi::content::FILES.to_vec()),
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        case in any::<u64>(),
    ) {
        let dir = dir_with(file, &bytes, case);
        load(&dir);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn mangled_valid_files_never_panic(
        file in prop::sample::select(madoguchi::content::FILES.to_vec()),
        cut in any::<prop::sample::Index>(),
        insert in "[\\[\\]\"=#\\n a-z0-9:-]{0,12}",
        case in any::<u64>(),
    ) {
        let original = std::fs::read_to_string(Path::new(VALID).join(file)).unwrap();
        let mut at = cut.index(original.len() + 1);
        while !original.is_char_boundary(at) {
            at -= 1;
        }
        let mangled = format!("{}{}{}", &original[..at], insert, &original[at..]);
        let dir = dir_with(file, mangled.as_bytes(), case);
        load(&dir);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
