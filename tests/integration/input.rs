//! Odd input a new user's folder holds, and a mistyped index path.

use crate::env::{stderr, TestEnv};

#[test]
fn a_mistyped_index_path_is_an_error_not_a_new_index() {
    let env = TestEnv::with_fixture();
    for dir in ["some/typo", "/nonexistent/path"] {
        let out = env
            .cmd()
            .args(["search", "quokka", "--index", dir])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!(
                "no index at {dir}; build one with `newsdex index CORPUS --index {dir}`"
            )),
            "{}",
            stderr(&out)
        );
    }
    assert!(!env.path().join("some").exists());
    let out = env
        .cmd()
        .env("NEWSDEX_INDEX", "typo-index")
        .args(["search", "quokka"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!env.path().join("typo-index").exists());
    // The default location is still built on first use.
    let out = env.cmd().args(["search", "quokka"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
